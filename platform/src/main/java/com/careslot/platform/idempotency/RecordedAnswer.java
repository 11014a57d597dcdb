package com.careslot.platform.idempotency;

import java.util.Map;

/** The answer given to the first request with a key, as it is replayed: status, the headers that matter, body. */
record RecordedAnswer(int status, Map<String, String> headers, byte[] body) {
}
