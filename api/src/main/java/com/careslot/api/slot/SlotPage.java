package com.careslot.api.slot;

import java.util.List;

/**
 * A page of slots. {@code totalItems} counts the matching slots up to the service's count limit; when more match,
 * it is that limit and {@code totalItemsExact} is false (docs/READ-MODELS.md).
 */
public record SlotPage(List<SlotView> items, int page, int size, long totalItems, boolean totalItemsExact) {
}
