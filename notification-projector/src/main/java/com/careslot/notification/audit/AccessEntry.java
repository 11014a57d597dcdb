package com.careslot.notification.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One read of patients' data as the access log shows it: who ({@code accessor}: account id and role), when, which
 * patients, what ({@code resource}) and the request path; {@code correlationId} finds the request in the logs.
 */
public record AccessEntry(long globalIndex, Instant accessedAt, AuditEntry.Actor accessor, List<UUID> patientIds,
                   String resource, String path, String correlationId) {
}
