package com.careslot.command;

import java.time.Clock;
import java.time.Duration;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import com.careslot.command.doctor.UploadLimits;
import com.careslot.command.payment.PaidBookings;
import com.careslot.command.slot.BookingLimits;
import com.careslot.command.slot.BookingPolicy;
import com.careslot.command.slot.SlotLocks;

@Configuration(proxyBeanMethods = false)
class CommandHandlingConfiguration {

    CommandHandlingConfiguration(CommandBus commandBus, SlotLocks.BusySlots busySlots, PaidBookings paidBookings) {
        commandBus.registerHandlerInterceptor(new RejectionInterceptor());
        // inside the rejection interceptor, so a slot that was not this command's turn is refused like any rule
        commandBus.registerHandlerInterceptor(busySlots);
        // inside too: a booking that must be paid is refused like any other slot rule
        commandBus.registerHandlerInterceptor(paidBookings);
    }

    @Bean
    BookingPolicy bookingPolicy(
            @Value("${careslot.booking.patient-cancel-cutoff:PT2H}") Duration patientCancelCutoff,
            @Value("${careslot.booking.check-in-opens:PT1H}") Duration checkInOpens,
            @Value("${careslot.booking.hold-duration:PT5M}") Duration holdDuration) {
        return new BookingPolicy(patientCancelCutoff, checkInOpens, holdDuration);
    }

    @Bean
    BookingLimits bookingLimits(
            @Value("${careslot.booking.minimum-notice:PT1H}") Duration minimumNotice,
            @Value("${careslot.booking.maximum-advance:P90D}") Duration maximumAdvance,
            @Value("${careslot.booking.maximum-active-appointments:5}") int maximumActiveAppointments,
            @Value("${careslot.booking.maximum-active-holds:1}") int maximumActiveHolds) {
        return new BookingLimits(minimumNotice, maximumAdvance, maximumActiveAppointments, maximumActiveHolds);
    }

    @Bean
    UploadLimits uploadLimits(@Value("${careslot.uploads.max-file-size:10MB}") DataSize maxFileSize,
                              @Value("${careslot.uploads.max-documents:5}") int maxDocuments,
                              @Value("${careslot.uploads.max-photo-pixels:40000000}") long maxPhotoPixels) {
        return new UploadLimits(maxFileSize.toBytes(), maxDocuments, maxPhotoPixels);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
