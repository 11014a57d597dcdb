package com.careslot.command.slot;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A slot's state at {@code asOf}: the state itself, the sequence number of the last event it reflects and when that
 * event was stored ({@code lastEventAt}).
 */
record SlotAsOfView(Instant asOf, long sequenceNumber, Instant lastEventAt, @JsonUnwrapped SlotStateView slot) {
}
