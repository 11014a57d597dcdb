package com.careslot.platform.eventstore;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

import com.careslot.platform.security.CallerMetadata;
import com.careslot.platform.security.CorrelationFilter;

/**
 * While an event processor handles an event, the log context carries the correlation id of the request that caused
 * it, so a mail that fails or a projection that stumbles can be traced back to that request in the logs.
 */
class CorrelationInLogs implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(CallerMetadata.CORRELATION_ID);
        if (correlationId == null) {
            return chain.proceed();
        }
        String outer = MDC.get(CorrelationFilter.MDC_KEY);
        MDC.put(CorrelationFilter.MDC_KEY, correlationId.toString());
        try {
            return chain.proceed();
        } finally {
            if (outer == null) {
                MDC.remove(CorrelationFilter.MDC_KEY);
            } else {
                MDC.put(CorrelationFilter.MDC_KEY, outer);
            }
        }
    }
}
