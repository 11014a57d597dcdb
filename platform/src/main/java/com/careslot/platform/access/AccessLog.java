package com.careslot.platform.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.careslot.api.access.PatientDataAccessed;
import com.careslot.platform.security.Caller;
import com.careslot.platform.security.CallerMetadata;
import com.careslot.platform.security.CorrelationFilter;

/**
 * Records that a caller read data about patients (docs/PRIVACY.md, "Access log"): one {@link PatientDataAccessed}
 * per read, appended to the event store before the answer leaves, with the caller and the request's correlation id
 * as metadata. Outside a unit of work Axon's event bus appends at once in its own transaction, so a read that is
 * answered has been recorded, and a read whose record cannot be written fails instead of going unrecorded.
 * A patient reading their own data is no access to log: the caller's own id is left out.
 */
public class AccessLog {

    private final ObjectProvider<EventGateway> events;

    public AccessLog(ObjectProvider<EventGateway> events) {
        this.events = events;
    }

    public void record(Caller caller, String resource, UUID patientId) {
        record(caller, resource, patientId == null ? List.of() : List.of(patientId));
    }

    public void record(Caller caller, String resource, Collection<UUID> patientIds) {
        Set<UUID> others = new LinkedHashSet<>(patientIds);
        others.remove(null);
        others.remove(caller.accountId());
        if (others.isEmpty()) {
            return;
        }
        String correlationId = Objects.requireNonNullElseGet(CorrelationFilter.current(),
                () -> UUID.randomUUID().toString());
        events.getObject().publish(GenericEventMessage.asEventMessage(
                        new PatientDataAccessed(List.copyOf(others), resource, requestPath()))
                .andMetaData(Map.of(CallerMetadata.ACTOR_ID, caller.accountId().toString(),
                        CallerMetadata.ACTOR_ROLE, caller.role().name(),
                        CallerMetadata.CORRELATION_ID, correlationId)));
    }

    private static String requestPath() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            return request.getRequest().getRequestURI();
        }
        return null;
    }
}
