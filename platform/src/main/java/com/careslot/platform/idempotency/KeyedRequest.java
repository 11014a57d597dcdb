package com.careslot.platform.idempotency;

/**
 * A write sent with an {@code Idempotency-Key}: whose key it is ({@code scope}, the caller's account id), and what
 * was asked, so that a retry can be told from a different request reusing the key.
 */
record KeyedRequest(String scope, String key, String method, String path, String bodySha256) {

    boolean sameAs(String otherMethod, String otherPath, String otherBodySha256) {
        return method.equals(otherMethod) && path.equals(otherPath) && bodySha256.equals(otherBodySha256);
    }
}
