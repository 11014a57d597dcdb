package com.careslot.platform.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Stamps every command with who sent it ({@code actorId}, {@code actorRole}) and the request's
 * {@code correlationId}. Axon's correlation data providers copy these onto every event the command causes, so the
 * audit trail names the actor of each event. Metadata a caller set explicitly is kept.
 */
public class CallerMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String CORRELATION_ID = "correlationId";
    public static final List<String> KEYS = List.of(ACTOR_ID, ACTOR_ROLE, CORRELATION_ID);

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        Map<String, Object> stamp = new HashMap<>();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            stamp.put(ACTOR_ID, caller.accountId().toString());
            stamp.put(ACTOR_ROLE, caller.role().name());
        }
        String correlationId = CorrelationFilter.current();
        stamp.put(CORRELATION_ID, correlationId != null ? correlationId : UUID.randomUUID().toString());
        return (index, command) -> {
            Map<String, Object> missing = new HashMap<>(stamp);
            missing.keySet().removeAll(command.getMetaData().keySet());
            return command.andMetaData(missing);
        };
    }
}
