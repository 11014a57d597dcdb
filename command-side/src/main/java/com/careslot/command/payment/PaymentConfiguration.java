package com.careslot.command.payment;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Payments on Stripe: the settings (keys from the environment, see {@code careslot-payments.properties}), the Stripe
 * client when the keys are there, and the {@code payment-follow-up} processor, which starts at the head of the
 * store (payments owe nothing to the history before them) and stops on an event whose Stripe call fails, so the
 * call is retried instead of skipped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentSettings.class)
@PropertySource("classpath:careslot-payments.properties")
class PaymentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentConfiguration.class);

    PaymentConfiguration(PaymentSettings settings) {
        log.info("Payments: {}", settings.configured()
                ? "on, Stripe " + settings.mode() + " mode, currency " + settings.currency()
                : "off (no Stripe keys): every booking is free");
    }

    @Bean
    @ConditionalOnExpression("!'${careslot.payments.stripe-secret-key:}'.isBlank()")
    StripePayments stripePayments(PaymentSettings settings) {
        return new StripePayments(settings);
    }

    @Bean
    ConfigurerModule paymentFollowUpProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(PaymentFollowUp.GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken)
                                // one event per unit of work: a Stripe call cannot be rolled back with a batch that
                                // fails after it (its idempotency key would make the retry safe, but not cheap)
                                .batchSize(1))
                .registerListenerInvocationErrorHandler(PaymentFollowUp.GROUP,
                        config -> PropagatingErrorHandler.instance());
    }
}
