package com.careslot.platform.eventstore;

import org.axonframework.commandhandling.CommandBus;

/**
 * Wraps the command bus behind the application's {@code CommandGateway}, in bean order: work that must happen before
 * a command's unit of work (and its transaction) begins, such as the command side's slot turns.
 */
@FunctionalInterface
public interface CommandBusDecorator {

    CommandBus decorate(CommandBus commandBus);
}
