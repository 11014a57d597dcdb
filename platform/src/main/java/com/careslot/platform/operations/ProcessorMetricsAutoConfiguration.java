package com.careslot.platform.operations;

import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Axon's message metrics as {@link ProcessorMetrics} registers them, in place of Axon's default module. */
@AutoConfiguration(before = MicrometerMetricsAutoConfiguration.class)
@ConditionalOnClass(GlobalMetricRegistry.class)
public class ProcessorMetricsAutoConfiguration {

    @Bean
    @ConditionalOnProperty(value = "axon.metrics.auto-configuration.enabled", matchIfMissing = true)
    static MetricsConfigurerModule axonMessageMetrics(GlobalMetricRegistry metrics) {
        return new ProcessorMetrics(metrics);
    }
}
