package com.careslot.command.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The account mails that carry secrets (sign-up codes, invitations). They go out directly over SMTP once the
 * account's transaction has committed; the secrets never enter an event, and never a log line.
 */
@Component
class AccountMail {

    private static final Logger log = LoggerFactory.getLogger(AccountMail.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;
    private final String publicUrl;
    private final String clinic;

    AccountMail(ObjectProvider<JavaMailSender> sender,
                @Value("${careslot.mail.from:Careslot <no-reply@careslot.local>}") String from,
                @Value("${careslot.public-url:http://localhost:8080}") String publicUrl,
                @Value("${careslot.clinic-name:Careslot}") String clinic) {
        this.sender = sender;
        this.from = from;
        this.publicUrl = publicUrl;
        this.clinic = clinic;
    }

    void verificationCode(String email, String code) {
        send(email, "Your " + clinic + " verification code", """
                Welcome to %s.

                Your verification code is %s. It is valid for 10 minutes.

                If you did not sign up, ignore this message.
                """.formatted(clinic, code));
    }

    void invitation(String email, String role, String token) {
        send(email, "You are invited to " + clinic, """
                You have been invited to %s as %s.

                Open this link within 7 days to choose your password:
                %s/accept-invite?token=%s

                If you did not expect this invitation, ignore this message.
                """.formatted(clinic, role, publicUrl, token));
    }

    private void send(String to, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        Runnable delivery = () -> deliver(message);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delivery.run();
                }
            });
        } else {
            delivery.run();
        }
    }

    private void deliver(SimpleMailMessage message) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.warn("No mail server is configured; \"{}\" was not sent", message.getSubject());
            return;
        }
        try {
            mail.send(message);
        } catch (MailException e) {
            log.warn("Could not send \"{}\": {}", message.getSubject(), e.getClass().getSimpleName());
        }
    }
}
