package com.careslot.api.slot;

public enum SlotStatus {
    FREE, HELD, BOOKED, BLOCKED, REMOVED
}
