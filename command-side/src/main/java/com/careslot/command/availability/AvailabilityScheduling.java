package com.careslot.command.availability;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link RollingWindow#extendDaily()} at {@code careslot.availability.extend-cron} ({@code -} turns it off). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AvailabilityScheduling {
}
