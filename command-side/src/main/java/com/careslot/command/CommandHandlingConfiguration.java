package com.careslot.command;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;

import com.careslot.command.doctor.UploadLimits;
import com.careslot.command.slot.BookingLimits;
import com.careslot.command.slot.BookingPolicy;

@Configuration(proxyBeanMethods = false)
public class CommandHandlingConfiguration {

    /**
     * The command bus's handler interceptors, outermost first. Axon's Spring Boot auto-configuration registers every
     * {@code MessageHandlerInterceptor} bean on the command bus in this order (registering them here as well would run
     * each twice): domain rejections become command failures; a slot that was not this command's turn is refused
     * slot-busy; a booking that must be paid is refused like any other slot rule.
     */
    public static final int REJECTIONS = Ordered.HIGHEST_PRECEDENCE;
    public static final int BUSY_SLOTS = REJECTIONS + 1;
    public static final int PAID_BOOKINGS = REJECTIONS + 2;

    @Bean
    @Order(REJECTIONS)
    RejectionInterceptor rejectionInterceptor() {
        return new RejectionInterceptor();
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
