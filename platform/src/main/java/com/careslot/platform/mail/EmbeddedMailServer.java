package com.careslot.platform.mail;

import java.time.Duration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) started in-process on 127.0.0.1 that keeps every mail it receives in memory, one per
 * configured port and JVM: every Spring context of the JVM (the tests, the three services of {@code standalone})
 * asking for the same port shares it, and port 0 means the one server on a port chosen at its start. Each user
 * {@link #obtain obtains} and {@link #release releases} it; the server stops when the last one lets go.
 */
public final class EmbeddedMailServer {

    static final String BIND_ADDRESS = "127.0.0.1";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);
    private static final Map<Integer, EmbeddedMailServer> RUNNING = new HashMap<>();

    private final Catcher greenMail;
    private final int configuredPort;
    private final int smtpPort;
    private int users;

    private EmbeddedMailServer(Catcher greenMail, int configuredPort) {
        this.greenMail = greenMail;
        this.configuredPort = configuredPort;
        this.smtpPort = greenMail.getSmtp().getPort();
    }

    /** The server for {@code port} (0 = any free port), started on first use. */
    public static synchronized EmbeddedMailServer obtain(int port) {
        EmbeddedMailServer server = RUNNING.get(port);
        if (server == null) {
            server = start(port);
            RUNNING.put(port, server);
        }
        server.users++;
        return server;
    }

    /** Lets go of the server; the last user to let go stops it, and the mail it caught is gone. */
    public void release() {
        synchronized (EmbeddedMailServer.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.remove(configuredPort, this);
        }
        greenMail.stop();
        log.debug("Embedded mail catcher on {}:{} stopped", BIND_ADDRESS, smtpPort);
    }

    private static EmbeddedMailServer start(int port) {
        ServerSetup smtp = new ServerSetup(port, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP);
        Catcher greenMail = new Catcher(port == 0 ? smtp.dynamicPort() : smtp);
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not start the embedded mail catcher on " + BIND_ADDRESS + ":" + port
                    + " (careslot.mail.embedded-port); set spring.mail.host to use a real SMTP server instead", e);
        }
        return new EmbeddedMailServer(greenMail, port);
    }

    /**
     * Stops accepting mail, as an SMTP server that went down would: senders get "connection refused". The mail caught
     * so far stays readable. For tests of what happens while the mail server is away.
     */
    public synchronized void stopSmtp() {
        greenMail.stopSmtp();
        log.info("Embedded mail catcher on {}:{} stopped accepting mail", BIND_ADDRESS, smtpPort);
    }

    /** Accepts mail again, on the same port as before {@link #stopSmtp()}; does nothing while it is running. */
    public synchronized void startSmtp() {
        greenMail.startSmtp(new ServerSetup(smtpPort, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP));
        log.info("Embedded mail catcher on {}:{} accepts mail again", BIND_ADDRESS, smtpPort);
    }

    public boolean acceptsMail() {
        return greenMail.smtpRunning();
    }

    public String host() {
        return BIND_ADDRESS;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Every mail caught so far, one per recipient, newest first. */
    public List<CaughtMail> caughtMail() {
        return caughtMail("");
    }

    /**
     * The mail caught for one recipient (the address ignoring case; blank: everyone), newest first. Only that
     * recipient's inbox is parsed: the tests sign up thousands of accounts and poll for each one's code.
     */
    public List<CaughtMail> caughtMail(String recipient) {
        String wanted = recipient == null ? "" : recipient.strip();
        List<Received> received = new ArrayList<>();
        for (GreenMailUser user : greenMail.getUserManager().listUser()) {
            if (!wanted.isEmpty() && !wanted.equalsIgnoreCase(user.getEmail())) {
                continue;
            }
            try {
                for (StoredMessage message : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                    received.add(new Received(user.getEmail(), message));
                }
            } catch (FolderException e) {
                throw new IllegalStateException("Could not read the caught mail of " + user.getEmail(), e);
            }
        }
        // Within one inbox the uid breaks ties between mails received in the same millisecond.
        received.sort(Comparator.comparing((Received r) -> r.message().getReceivedDate())
                .thenComparingLong(r -> r.message().getUid()).reversed());
        return received.stream()
                .map(r -> CaughtMail.of(r.recipient(), r.message().getMimeMessage(),
                        r.message().getReceivedDate().toInstant()))
                .toList();
    }

    /**
     * The Message-ID of every mail caught, one per recipient, in no order: only the headers GreenMail parsed on
     * receipt are read, no body. For the fault runs, which count thousands of mails many times a second; parsing and
     * sending them all ({@link #caughtMail()}) at that rate once took the catcher's whole heap.
     */
    public List<String> caughtMessageIds() {
        List<String> ids = new ArrayList<>();
        for (GreenMailUser user : greenMail.getUserManager().listUser()) {
            try {
                for (StoredMessage message : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                    ids.add(message.getMimeMessage().getMessageID());
                }
            } catch (FolderException | MessagingException e) {
                throw new IllegalStateException("Could not read the caught mail of " + user.getEmail(), e);
            }
        }
        return ids;
    }

    private record Received(String recipient, StoredMessage message) {
    }

    /** GreenMail whose SMTP service alone can be stopped and started again, keeping the mailboxes it filled. */
    private static final class Catcher extends GreenMail {

        Catcher(ServerSetup setup) {
            super(setup);
        }

        synchronized void stopSmtp() {
            AbstractServer smtp = services.remove(ServerSetup.PROTOCOL_SMTP);
            if (smtp != null) {
                smtp.stopService();
            }
        }

        synchronized void startSmtp(ServerSetup setup) {
            if (services.containsKey(ServerSetup.PROTOCOL_SMTP)) {
                return;
            }
            // The port may still be held for a moment by what used it meanwhile (a test's stand-in server whose
            // connections are closing): try again for up to ten seconds before giving up.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                SmtpServer smtp = new SmtpServer(setup, getManagers());
                smtp.startService();
                try {
                    if (smtp.waitTillRunning(setup.getServerStartupTimeout())) {
                        services.put(ServerSetup.PROTOCOL_SMTP, smtp);
                        return;
                    }
                    smtp.stopService();
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("The embedded SMTP server did not start again on port "
                                + setup.getPort());
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        synchronized boolean smtpRunning() {
            AbstractServer smtp = services.get(ServerSetup.PROTOCOL_SMTP);
            return smtp != null && smtp.isRunning();
        }
    }
}
