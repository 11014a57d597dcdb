package com.careslot.command;

import java.util.List;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.command.availability.AvailabilityRules;
import com.careslot.command.slot.DoctorCalendar;
import com.careslot.command.slot.PatientCalendar;
import com.careslot.command.slot.PatientHolds;

/**
 * Lookup tables that enforce a set-based rule must be written in the transaction that appends the event, so their
 * handlers run in subscribing processors (inside the publishing unit of work), not in the streaming processors
 * every other handler gets by default. Their errors propagate: a refusal fails the command and rolls back its
 * append, instead of being logged and skipped as Axon does by default.
 */
@Configuration(proxyBeanMethods = false)
class SubscribingLookups {

    static final List<String> PROCESSING_GROUPS =
            List.of(DoctorCalendar.PROCESSING_GROUP, PatientCalendar.PROCESSING_GROUP, PatientHolds.PROCESSING_GROUP,
                    AvailabilityRules.PROCESSING_GROUP);

    @Bean
    ConfigurerModule subscribingLookupTables() {
        return configurer -> PROCESSING_GROUPS.forEach(group -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(group)
                .registerErrorHandler(group, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance()));
    }
}
