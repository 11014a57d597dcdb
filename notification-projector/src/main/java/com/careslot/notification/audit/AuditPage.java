package com.careslot.notification.audit;

import java.util.List;

/**
 * A page of the audit trail. {@code totalItems} counts the matching entries up to {@link AuditTrail}'s count limit;
 * when more match, it is that limit and {@code totalItemsExact} is false (docs/AUDIT.md).
 */
record AuditPage(List<AuditEntry> items, int page, int size, long totalItems, boolean totalItemsExact) {
}
