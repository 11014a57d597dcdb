package com.careslot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a stored token says its segment is, in the shapes Axon's Jackson serializer writes them (seen in a run). */
class TokenPositionTest {

    private static final String GAP_AWARE = "org.axonframework.eventhandling.GapAwareTrackingToken";

    @Test
    void aPlainTokenIsWhereItsIndexSays() {
        assertThat(EndToEnd.position("{\"index\":200452,\"gaps\":[]}")).isEqualTo(200452);
        assertThat(EndToEnd.position("{\"@class\":\"" + GAP_AWARE + "\",\"index\":13,\"gaps\":[]}")).isEqualTo(13);
    }

    @Test
    void aReplayTokenIsWhereItsCurrentTokenIsNotWhereTheResetWas() {
        assertThat(EndToEnd.position("{\"tokenAtReset\":{\"@class\":\"" + GAP_AWARE + "\",\"index\":200452,"
                + "\"gaps\":[]},\"currentToken\":{\"@class\":\"" + GAP_AWARE + "\",\"index\":2944,\"gaps\":[]},"
                + "\"context\":null,\"lastMessageWasReplay\":true}")).isEqualTo(2944);
    }

    @Test
    void aReplayThatHandledNothingYetIsAtTheTail() {
        // The serializer leaves the null current token out; the only index left is the head of the reset.
        assertThat(EndToEnd.position("{\"tokenAtReset\":{\"@class\":\"" + GAP_AWARE + "\",\"index\":200452,"
                + "\"gaps\":[]}}")).isZero();
        assertThat(EndToEnd.position("")).isZero();
    }
}
