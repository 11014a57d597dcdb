package com.careslot.notification.audit;

import java.util.List;

/** A page of the access log; totals as in {@link AuditPage}. */
record AccessPage(List<AccessEntry> items, int page, int size, long totalItems, boolean totalItemsExact) {
}
