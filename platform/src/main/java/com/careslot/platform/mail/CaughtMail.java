package com.careslot.platform.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * One mail as its recipient reads it: the address it was delivered to, the subject, and the plain-text body (the
 * text/plain part of a multipart mail, else its HTML without the markup).
 */
public record CaughtMail(String to, String subject, String text, Instant receivedAt) {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|h[1-6]|li|tr)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    static CaughtMail of(String recipient, MimeMessage message, Instant receivedAt) {
        try {
            String subject = message.getSubject();
            return new CaughtMail(recipient, subject == null ? "" : subject, text(message), receivedAt);
        } catch (MessagingException | IOException e) {
            return new CaughtMail(recipient, "", "(unreadable mail: " + e.getMessage() + ")", receivedAt);
        }
    }

    private static String text(Part message) throws MessagingException, IOException {
        String plain = firstPart(message, "text/plain");
        if (plain != null) {
            return plain.strip();
        }
        String html = firstPart(message, "text/html");
        return html == null ? "" : withoutMarkup(html);
    }

    private static String firstPart(Part part, String mimeType) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType(mimeType)) {
            return String.valueOf(part.getContent()).replace("\r\n", "\n");
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = firstPart(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static String withoutMarkup(String html) {
        String text = INVISIBLE.matcher(html).replaceAll("");
        text = LINE_BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = HtmlUtils.htmlUnescape(text).replace('\u00a0', ' ');
        return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
