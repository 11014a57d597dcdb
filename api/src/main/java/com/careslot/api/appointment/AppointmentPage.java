package com.careslot.api.appointment;

import java.util.List;

/**
 * A page of appointments. {@code totalItems} counts the matching appointments up to the service's count limit; when
 * more match, it is that limit and {@code totalItemsExact} is false (docs/READ-MODELS.md).
 */
public record AppointmentPage(List<AppointmentView> items, int page, int size, long totalItems,
                              boolean totalItemsExact) {
}
