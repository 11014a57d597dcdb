package com.careslot.command.slot;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A slot's state at {@code asOf}: the state itself, then the sequence number of the last event it reflects and when that
 * event was stored ({@code lastEventAt}).
 */
record SlotAsOfView(@JsonUnwrapped SlotStateView slot, Instant asOf, long sequenceNumber, Instant lastEventAt) {
}
