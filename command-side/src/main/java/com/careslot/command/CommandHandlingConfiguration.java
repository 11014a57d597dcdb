package com.careslot.command;

import java.time.Clock;
import java.time.Duration;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.command.slot.BookingPolicy;

@Configuration(proxyBeanMethods = false)
class CommandHandlingConfiguration {

    CommandHandlingConfiguration(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new RejectionInterceptor());
    }

    @Bean
    BookingPolicy bookingPolicy(
            @Value("${careslot.booking.patient-cancel-cutoff:PT2H}") Duration patientCancelCutoff,
            @Value("${careslot.booking.check-in-opens:PT1H}") Duration checkInOpens,
            @Value("${careslot.booking.hold-duration:PT5M}") Duration holdDuration) {
        return new BookingPolicy(patientCancelCutoff, checkInOpens, holdDuration);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
