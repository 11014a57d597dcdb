package com.careslot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that hangs: it takes every message's data, then holds its final {@code 250} until {@link #release()}
 * (at most a minute), as an overloaded mail server does. It counts the connections it accepted, how many messages wait
 * for their answer, and records each message it answered {@code 250} with its recipient and Message-ID. Just enough
 * SMTP for JavaMail (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), on the loopback address.
 */
final class SlowSmtpServer implements AutoCloseable {

    record Accepted(String to, String messageId) {
    }

    private final ServerSocket server;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private SlowSmtpServer(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::accept, "slow-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SlowSmtpServer on(int port) throws IOException {
        return new SlowSmtpServer(port);
    }

    void release() {
        released.countDown();
    }

    int connections() {
        return connections.get();
    }

    /** Messages whose data arrived and whose answer is held back. */
    int waiting() {
        return waiting.get();
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread session = new Thread(() -> converse(socket), "slow-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 slow.test ESMTP");
            String to = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 slow.test");
                } else if (command.startsWith("RCPT TO:")) {
                    to = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    reply(out, "250 OK");
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go ahead");
                    String messageId = null;
                    String data;
                    while ((data = in.readLine()) != null && !data.equals(".")) {
                        if (messageId == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                            messageId = data.substring(11).trim();
                        }
                    }
                    waiting.incrementAndGet();
                    released.await(1, TimeUnit.MINUTES);
                    waiting.decrementAndGet();
                    reply(out, "250 OK queued");
                    accepted.add(new Accepted(to, messageId));
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away, or the server closed
        } finally {
            open.remove(socket);
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
