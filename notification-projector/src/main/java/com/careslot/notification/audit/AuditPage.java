package com.careslot.notification.audit;

import java.util.List;

record AuditPage(List<AuditEntry> items, int page, int size, long totalItems) {
}
