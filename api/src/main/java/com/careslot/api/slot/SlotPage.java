package com.careslot.api.slot;

import java.util.List;

public record SlotPage(List<SlotView> items, int page, int size, long totalItems) {
}
