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
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
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
 * The {@code notification-mail} processor: pooled streaming like every other, batched like every other
 * ({@code careslot.processors.batch-size}), but
 * <ul>
 *     <li>it starts at the head of the event store the first time it runs: mail is owed for what happens from then
 *     on, not for a history that was there before the notification projector;</li>
 *     <li>its events are sequenced per appointment, so booked, moved and cancelled mails of one appointment are
 *     recorded in their order (and the appointment's state each mail describes follows that order);</li>
 *     <li>its handlers send nothing: they record the mails owed in the outbox ({@link MailLog}) in the batch's
 *     transaction, and {@link MailDelivery} sends them once it committed. A batch that fails is rolled back whole and
 *     retried, as in every processor; a redelivered event finds its mails recorded and owes nothing twice.</li>
 * </ul>
 * Until issue 17 the handlers sent the mail themselves and failed events waited in Axon's JDBC dead-letter queue
 * ({@code notification.dead_letter_entry}); {@link LegacyDeadLetters} moves what is left there into the outbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(NotificationSettings.class)
class MailProcessing {

    static final String GROUP = "notification-mail";
    static final String DEAD_LETTER_TABLE = "notification.dead_letter_entry";
    static final Duration CLAIM = Duration.ofSeconds(30);

    @Bean
    ConfigurerModule notificationMailProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(GROUP, org.axonframework.config.Configuration::eventStore,
                        (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken))
                .registerSequencingPolicy(GROUP, config -> new PerAppointment());
    }

    /** The queue of letters left from before the outbox, drained by {@link LegacyDeadLetters}. */
    @Bean
    JdbcSequencedDeadLetterQueue<EventMessage<?>> legacyMailDeadLetters(
            ConnectionProvider connections, TransactionManager transactions, Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(GROUP)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema())
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .claimDuration(CLAIM)
                .build();
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
