package com.careslot.notification.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import com.careslot.api.privacy.PersonalData;
import com.careslot.notification.recipient.Recipient;
import com.careslot.notification.recipient.RecipientDirectory;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends the mail outbox: {@code careslot.notification.delivery.senders} threads (4), each of which claims due mails
 * ({@link MailLog#claim}, a short transaction), renders them, sends them all over one SMTP connection of Spring's
 * {@link JavaMailSenderImpl} (as its {@code send(MimeMessage...)} does), and records each outcome as it happens
 * ({@link MailLog#sent}, {@link MailLog#failed}, short transactions). The claim is the same between the threads of a
 * node as between nodes: a mail is claimed by one sender, and an appointment's later mail waits until its earlier one
 * is sent. No transaction is open while SMTP talks, and no event processor waits for it: a slow or absent mail server
 * delays mail, nothing else.
 * <p>
 * A sender wakes when a transaction that recorded mail commits ({@link MailWakeUp}), when another sender claimed a full
 * batch (there may be more), and every {@code careslot.notification.retry.poll-interval} for mail that came due after
 * a failure (or was recorded on another node).
 */
@Component
class MailDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final JavaMailSenderImpl sender;
    private final MailLog mailLog;
    private final RecipientDirectory directory;
    private final AppointmentMails appointmentMails;
    private final PaymentMails paymentMails;
    private final NotificationSettings settings;
    private final String from;
    private final MailWakeUp wakeUp;
    /** The senders of the current start; a thread not in it (left from an earlier start) ends. */
    private volatile List<Thread> threads = List.of();

    MailDelivery(JavaMailSenderImpl sender, MailLog mailLog, RecipientDirectory directory,
                 AppointmentMails appointmentMails, PaymentMails paymentMails, NotificationSettings settings,
                 MailWakeUp wakeUp, @Value("${careslot.mail.from:Careslot <no-reply@careslot.local>}") String from) {
        this.sender = sender;
        this.mailLog = mailLog;
        this.directory = directory;
        this.appointmentMails = appointmentMails;
        this.paymentMails = paymentMails;
        this.settings = settings;
        this.from = from;
        this.wakeUp = wakeUp;
    }

    @Override
    public synchronized void start() {
        List<Thread> started = new ArrayList<>();
        for (int i = 1; i <= settings.delivery().senders(); i++) {
            Thread sender = new Thread(this::run, "mail-delivery-" + i);
            sender.setDaemon(true);
            started.add(sender);
        }
        threads = List.copyOf(started);
        started.forEach(Thread::start);
    }

    @Override
    public synchronized void stop() {
        List<Thread> stopping = threads;
        threads = List.of();
        stopping.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            for (Thread sender : stopping) {
                sender.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return !threads.isEmpty();
    }

    private void run() {
        Duration poll = settings.retry().pollInterval();
        while (current()) {
            try {
                while (deliverDue(null) > 0 && current()) {
                    // more may be due: the mails that waited for the ones just sent
                }
                wakeUp.await(poll);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Mail delivery failed; trying again in {}: {}", poll, e.toString());
                try {
                    Thread.sleep(poll.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private boolean current() {
        return threads.contains(Thread.currentThread());
    }

    /**
     * Claims one batch of due mails (of one appointment when {@code sequenceKey} is given), sends them over one SMTP
     * connection, records the outcome, and answers how many were claimed.
     */
    int deliverDue(String sequenceKey) {
        List<MailLog.Claimed> claimed = mailLog.claim(settings.delivery().batchSize(), settings.delivery().claim(),
                sequenceKey);
        if (sequenceKey == null && claimed.size() == settings.delivery().batchSize()) {
            wakeUp.now(); // a full batch: more may be due, for another sender to claim meanwhile
        }
        return deliver(claimed);
    }

    /** An admin's retry of a dead letter: its mails made due and their first batch claimed, then sent. */
    Optional<String> retryNow(String messageKey) {
        return mailLog.retryNow(messageKey, settings.delivery().batchSize(), settings.delivery().claim())
                .map(retry -> {
                    deliver(retry.claimed());
                    return retry.sequenceKey();
                });
    }

    /** Sends claimed mails over one SMTP connection, records the outcome, and answers how many were claimed. */
    private int deliver(List<MailLog.Claimed> claimed) {
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<UUID, Recipient> people = new HashMap<>();
        directory.findAll(claimed.stream()
                        .flatMap(mail -> Stream.of(mail.details().patientId(), mail.details().doctorId()))
                        .collect(Collectors.toSet()))
                .forEach(recipient -> people.put(recipient.accountId(), recipient));
        Map<MimeMessage, MailLog.Rendered> messages = new LinkedHashMap<>();
        List<MailLog.Failure> failures = new ArrayList<>();
        List<Long> erased = new ArrayList<>();
        List<MailLog.Failure> waiting = new ArrayList<>();
        for (MailLog.Claimed mail : claimed) {
            Recipient to = people.get(mail.recipientId());
            if (to != null && PersonalData.ERASED.equals(to.email())) {
                erased.add(mail.id()); // an erased person (docs/PRIVACY.md) has no address any more
                continue;
            }
            Mail rendered = null;
            try {
                rendered = render(mail, people);
                messages.put(mime(mail.messageKey(), to, rendered),
                        new MailLog.Rendered(mail.id(), mail.recipientId(), mail.details().patientId(), to.email(),
                                rendered.subject()));
            } catch (RecipientNotYetKnown e) {
                waiting.add(new MailLog.Failure(mail, null, null, e));
            } catch (MailNotSentException | MessagingException | UnsupportedEncodingException e) {
                failures.add(new MailLog.Failure(mail, to == null ? null : to.email(),
                        rendered == null ? null : rendered.subject(), e));
            }
        }
        mailLog.skipped(erased);
        failures.addAll(mailLog.waitForDirectory(waiting, settings.retry().pollInterval()));
        mailLog.failed(failures);
        List<MailLog.Failure> refused = send(messages, claimed);
        mailLog.failed(refused);
        failures.addAll(refused);
        if (!failures.isEmpty()) {
            log.info("{} of {} mails not sent, tried again later: {}", failures.size(), claimed.size(),
                    failures.get(0).cause().toString());
        }
        return claimed.size();
    }

    /**
     * Sends the messages over one SMTP connection and records each as sent the moment the server has accepted it, so
     * a crash leaves at most the one mail in flight to go again. This is the loop of Spring's
     * {@code JavaMailSenderImpl.send(MimeMessage...)} — one {@link Transport} of its session for the whole batch,
     * connected again only if the server dropped it, every remaining message failed when connecting fails — with the
     * record added: Spring's method reports only once the whole batch is done, which would widen the window of a mail
     * sent twice from one mail to a batch. Host, port, credentials and JavaMail properties stay Spring's.
     */
    private List<MailLog.Failure> send(Map<MimeMessage, MailLog.Rendered> messages, List<MailLog.Claimed> claimed) {
        List<MailLog.Failure> failures = new ArrayList<>();
        List<Map.Entry<MimeMessage, MailLog.Rendered>> queue = new ArrayList<>(messages.entrySet());
        Duration claim = settings.delivery().claim();
        Instant renewAt = Instant.now().plus(claim.dividedBy(2));
        Transport transport = null;
        try {
            for (int i = 0; i < queue.size(); i++) {
                MimeMessage message = queue.get(i).getKey();
                MailLog.Rendered mail = queue.get(i).getValue();
                if (Instant.now().isAfter(renewAt)) {
                    // a slow server: keep the rest of the batch ours, so no other node sends it meanwhile
                    mailLog.extendClaim(queue.subList(i, queue.size()).stream().map(e -> e.getValue().id()).toList(),
                            claim);
                    renewAt = Instant.now().plus(claim.dividedBy(2));
                }
                if (transport == null || !transport.isConnected()) {
                    close(transport);
                    transport = null;
                    try {
                        transport = connect();
                    } catch (MessagingException e) {
                        for (int j = i; j < queue.size(); j++) {
                            failures.add(failure(claimed, queue.get(j).getValue(), e));
                        }
                        return failures;
                    }
                }
                try {
                    message.setSentDate(new Date());
                    message.saveChanges();
                    transport.sendMessage(message, message.getAllRecipients());
                } catch (MessagingException | RuntimeException e) {
                    failures.add(failure(claimed, mail, e));
                    continue;
                }
                mailLog.sent(List.of(mail));
            }
            return failures;
        } finally {
            close(transport);
        }
    }

    private Transport connect() throws MessagingException {
        String protocol = sender.getProtocol() != null ? sender.getProtocol()
                : sender.getSession().getProperty("mail.transport.protocol");
        Transport transport = sender.getSession().getTransport(protocol == null ? "smtp" : protocol);
        transport.connect(sender.getHost(), sender.getPort(), blankToNull(sender.getUsername()),
                blankToNull(sender.getPassword()));
        return transport;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                // the connection is gone either way
            }
        }
    }

    private static MailLog.Failure failure(List<MailLog.Claimed> claimed, MailLog.Rendered mail, Exception cause) {
        MailLog.Claimed owner = claimed.stream().filter(c -> c.id() == mail.id()).findFirst().orElseThrow();
        return new MailLog.Failure(owner, mail.email(), mail.subject(), cause);
    }

    /** The mail's words, from its details and the directory; a recipient not in it yet means: try again later. */
    Mail render(MailLog.Claimed mail, Map<UUID, Recipient> people) {
        MailDetails details = mail.details();
        Recipient to = known(people, mail.recipientId(), "recipient");
        Parties parties = new Parties(known(people, details.patientId(), "patient"),
                known(people, details.doctorId(), "doctor"));
        return switch (mail.type()) {
            case BOOKED -> appointmentMails.booked(to, parties, details.appointment(), details.stamp());
            case RESCHEDULED -> appointmentMails.rescheduled(to, parties, details.appointment(), details.stamp());
            case CANCELLED, CANCELLED_BY_DOCTOR -> appointmentMails.cancelled(to, parties, details.appointment(),
                    details.cancellation(), details.stamp());
            case REMINDER -> appointmentMails.reminder(to, parties, details.appointment());
            case RECEIPT -> paymentMails.receipt(to, parties.doctor(), details.paid());
            case REFUND -> paymentMails.refund(to, parties.doctor(), details.refunded());
        };
    }

    private static Recipient known(Map<UUID, Recipient> people, UUID accountId, String role) {
        Recipient recipient = people.get(accountId);
        if (recipient == null) {
            throw new RecipientNotYetKnown("The " + role + " " + accountId + " is not in the recipient directory yet");
        }
        return recipient;
    }

    MimeMessage mime(String messageKey, Recipient to, Mail mail)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new FixedIdMessage(messageId(messageKey, to));
        MimeMessageHelper helper = new SharedFileTypesHelper(message);
        helper.setFrom(from);
        helper.setTo(new InternetAddress(to.email(), to.fullName(), StandardCharsets.UTF_8.name()));
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (mail.invite() != null) {
            helper.addAttachment(mail.invite().filename(),
                    new ByteArrayResource(mail.invite().ics().getBytes(StandardCharsets.UTF_8)),
                    "text/calendar; charset=UTF-8; method=" + mail.invite().method());
        }
        return message;
    }

    /**
     * The same mail to the same recipient always carries the same Message-ID: {@code <key.account@careslot>}. In the
     * one window where a mail can go twice (a crash after SMTP took it, before the log said so) the copies are the same
     * message to every mail client, which shows it once, and to anyone counting.
     */
    static String messageId(String messageKey, Recipient to) {
        return "<" + messageKey.replaceAll("[^A-Za-z0-9.-]", "-") + "." + to.accountId() + "@careslot>";
    }

    /**
     * Spring's helper builds a new file type map for every message it did not create itself, and building one reads
     * every {@code META-INF/mime.types} on the class path (a scan of each nested jar) — most of a mail's CPU under
     * load. Our attachments name their content type, so one map, built once, serves every mail.
     */
    private static final class SharedFileTypesHelper extends MimeMessageHelper {

        private static final FileTypeMap FILE_TYPES = defaultFileTypes();

        SharedFileTypesHelper(MimeMessage message) throws MessagingException {
            super(message, MimeMessageHelper.MULTIPART_MODE_MIXED, StandardCharsets.UTF_8.name());
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
            return FILE_TYPES;
        }

        private static FileTypeMap defaultFileTypes() {
            ConfigurableMimeFileTypeMap fileTypes = new ConfigurableMimeFileTypeMap();
            fileTypes.afterPropertiesSet();
            return fileTypes;
        }
    }

    /** A MIME message whose Message-ID is given instead of made up when it is sent. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String id;

        FixedIdMessage(String id) {
            super((Session) null);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
