package com.careslot.platform.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * One mail as its recipient reads it: the address it was delivered to, the subject, the plain-text body (the
 * text/plain part of a multipart mail, else its HTML without the markup) and its attachments (a calendar invite's
 * text is included, so it can be read and checked without a mail client) and its Message-ID.
 */
public record CaughtMail(String to, String subject, String text, Instant receivedAt, List<Attachment> attachments,
                         String messageId) {

    /** An attached file: its name, its content type, and its text when it is a text file of at most 64 KB. */
    public record Attachment(String filename, String contentType, String content) {
    }

    private static final int LARGEST_SHOWN_ATTACHMENT = 64 * 1024;

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|h[1-6]|li|tr)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    static CaughtMail of(String recipient, MimeMessage message, Instant receivedAt) {
        try {
            String subject = message.getSubject();
            List<Attachment> attachments = new ArrayList<>();
            collectAttachments(message, attachments);
            return new CaughtMail(recipient, subject == null ? "" : subject, text(message), receivedAt,
                    List.copyOf(attachments), message.getMessageID());
        } catch (MessagingException | IOException e) {
            return new CaughtMail(recipient, "", "(unreadable mail: " + e.getMessage() + ")", receivedAt, List.of(),
                    null);
        }
    }

    private static void collectAttachments(Part part, List<Attachment> found) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collectAttachments(multipart.getBodyPart(i), found);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            String contentType = part.getContentType() == null ? "application/octet-stream"
                    : part.getContentType().replaceAll("\\s+", " ");
            found.add(new Attachment(part.getFileName(), contentType, textOf(part)));
        }
    }

    private static String textOf(Part part) throws MessagingException, IOException {
        if (!part.isMimeType("text/*")) {
            return null;
        }
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) != -1; ) {
                bytes.write(buffer, 0, read);
                if (bytes.size() > LARGEST_SHOWN_ATTACHMENT) {
                    return null;
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
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
