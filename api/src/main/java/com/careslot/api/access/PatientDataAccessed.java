package com.careslot.api.access;

import java.util.List;
import java.util.UUID;

/**
 * Someone other than the patient read data about these patients (HIPAA's access log): {@code resource} names what
 * was read ({@code appointment}, {@code doctor-appointments}, {@code front-desk-search}, {@code patient-export},
 * {@code audit-entries}, …) and {@code path} is the request path without its query (which may hold a searched name).
 * Who read it and when are the event's metadata ({@code actorId}, {@code actorRole}, {@code correlationId}) and
 * timestamp, as for every event. Ids only: no personal data, so an erasure never has to touch it.
 */
public record PatientDataAccessed(List<UUID> patientIds, String resource, String path) {

    public PatientDataAccessed {
        patientIds = List.copyOf(patientIds);
    }
}
