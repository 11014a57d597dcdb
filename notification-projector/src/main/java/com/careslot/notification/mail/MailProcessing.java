package com.careslot.notification.mail;

import java.time.Duration;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.careslot.api.payment.PaymentRefunded;
import com.careslot.api.payment.PaymentSucceeded;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.BookingMovedOut;
import com.careslot.api.slot.SlotBooked;

/**
 * The {@code notification-mail} processor: pooled streaming like every other, but
 * <ul>
 *     <li>it starts at the head of the event store the first time it runs: mail is owed for what happens from then
 *     on, not for a history that was there before the notification projector;</li>
 *     <li>its events are sequenced per appointment, so booked, moved and cancelled mails of one appointment are
 *     handled (and retried) in their order;</li>
 *     <li>an event whose mail cannot be sent goes to a JDBC sequenced dead-letter queue in
 *     {@code notification.dead_letter_entry} (the event store is Axon's JDBC engine too), with {@link RetryPolicy}
 *     counting the attempts; {@link DeadLetters} retries them with growing backoff.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(NotificationSettings.class)
class MailProcessing {

    static final String GROUP = "notification-mail";
    static final String DEAD_LETTER_TABLE = "notification.dead_letter_entry";
    static final Duration CLAIM = Duration.ofSeconds(30);

    @Bean
    ConfigurerModule notificationMailProcessor(ObjectProvider<ConnectionProvider> connections,
                                               ObjectProvider<TransactionManager> transactions,
                                               RetryPolicy retryPolicy) {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(GROUP, org.axonframework.config.Configuration::eventStore,
                        (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken)
                                // one event per unit of work: a mail is sent inside it, and SMTP cannot be rolled back
                                // with a batch that fails after it
                                .batchSize(1))
                .registerSequencingPolicy(GROUP, config -> new PerAppointment())
                .registerDeadLetterQueue(GROUP, config -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(GROUP)
                        .connectionProvider(connections.getObject())
                        .transactionManager(transactions.getObject())
                        .schema(schema())
                        .genericSerializer(config.serializer())
                        .eventSerializer(config.eventSerializer())
                        .claimDuration(CLAIM)
                        .build())
                .registerDeadLetterPolicy(GROUP, config -> retryPolicy);
    }

    static DeadLetterSchema schema() {
        return DeadLetterSchema.builder()
                .deadLetterTable(DEAD_LETTER_TABLE)
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Appointment events by appointment id; anything else by its aggregate (or on its own). */
    static final class PerAppointment implements SequencingPolicy<EventMessage<?>> {

        @Override
        public Object getSequenceIdentifierFor(EventMessage<?> event) {
            Object payload = event.getPayload();
            if (payload instanceof SlotBooked booked) {
                return booked.appointmentId().toString();
            }
            if (payload instanceof BookingCancelled cancelled) {
                return cancelled.appointmentId().toString();
            }
            if (payload instanceof PaymentSucceeded paid) {
                return paid.appointmentId().toString();
            }
            if (payload instanceof PaymentRefunded refunded) {
                return refunded.appointmentId().toString();
            }
            if (payload instanceof BookingMovedIn movedIn) {
                return movedIn.appointmentId().toString();
            }
            if (payload instanceof BookingMovedOut movedOut) {
                return movedOut.appointmentId().toString();
            }
            if (event instanceof DomainEventMessage<?> domainEvent) {
                return domainEvent.getAggregateIdentifier();
            }
            return event.getIdentifier();
        }
    }
}
