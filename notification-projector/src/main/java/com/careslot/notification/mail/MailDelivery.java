package com.careslot.notification.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import com.careslot.api.privacy.PersonalData;
import com.careslot.notification.recipient.Recipient;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends one mail to one recipient at most once: the mail log is asked first and told right after SMTP took the mail.
 * SMTP refusing it is recorded and thrown as {@link MailNotSentException}, so the caller can retry later. The one
 * window left is a crash between SMTP accepting the mail and the log recording it; then the mail goes again
 * (at-least-once, which is the most SMTP allows).
 */
@Component
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final JavaMailSender sender;
    private final MailLog mailLog;
    private final String from;

    MailDelivery(JavaMailSender sender, MailLog mailLog,
                 @Value("${careslot.mail.from:Careslot <no-reply@careslot.local>}") String from) {
        this.sender = sender;
        this.mailLog = mailLog;
        this.from = from;
    }

    void deliver(String messageKey, Recipient to, MailType type, Mail mail) {
        if (PersonalData.ERASED.equals(to.email())) { // an erased person (docs/PRIVACY.md) has no address any more
            log.debug("{} mail for {} not sent: account {} was erased", type, messageKey, to.accountId());
            return;
        }
        if (mailLog.alreadySent(messageKey, to, type, mail.subject())) {
            log.debug("{} mail for {} to {} was sent before; not again", type, messageKey, to.accountId());
            return;
        }
        try {
            sender.send(mime(messageKey, to, mail));
        } catch (MailException | MessagingException | UnsupportedEncodingException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            mailLog.failed(messageKey, to.accountId(), reason);
            throw new MailNotSentException("Could not send the " + type + " mail of " + messageKey + " to account "
                    + to.accountId() + " (" + e.getClass().getSimpleName() + ")", e);
        }
        mailLog.sent(messageKey, to.accountId());
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
