package com.careslot.command;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

import com.careslot.api.CommandRejection;

/**
 * Turns domain rejections into {@link CommandExecutionException}s carrying a {@link CommandRejection}, the only
 * form in which a refusal survives a distributed command bus. Conflicts found at commit time (a lost append race)
 * happen after this chain and are left to the gateway's retry.
 */
class RejectionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (Rejection rejection) {
            throw rejection.asCommandFailure();
        } catch (AggregateNotFoundException notFound) {
            CommandRejection details = new CommandRejection("not-found", CommandRejection.Kind.NOT_FOUND, null,
                    "Nothing exists with id " + notFound.getAggregateIdentifier() + ".");
            throw new CommandExecutionException(details.message(), null, details);
        }
    }
}
