package com.careslot.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import com.careslot.platform.security.CallerMetadata;
import com.careslot.platform.security.CorrelationFilter;

/** An event's handler logs under the correlation id of the request that caused it, and leaves the context as it was. */
class CorrelationInLogsTest {

    @Test
    void theHandlerSeesTheEventsCorrelationIdAndTheOuterContextComesBack() throws Exception {
        GenericEventMessage<String> event = new GenericEventMessage<>("SlotBooked",
                Map.of(CallerMetadata.CORRELATION_ID, "request-42"));
        String[] seen = new String[1];
        MDC.put(CorrelationFilter.MDC_KEY, "outer");
        try {
            DefaultUnitOfWork<GenericEventMessage<String>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
            try {
                new CorrelationInLogs().handle(unitOfWork, () -> seen[0] = MDC.get(CorrelationFilter.MDC_KEY));
            } finally {
                unitOfWork.commit();
            }
            assertThat(seen[0]).isEqualTo("request-42");
            assertThat(MDC.get(CorrelationFilter.MDC_KEY)).isEqualTo("outer");
        } finally {
            MDC.remove(CorrelationFilter.MDC_KEY);
        }
    }
}
