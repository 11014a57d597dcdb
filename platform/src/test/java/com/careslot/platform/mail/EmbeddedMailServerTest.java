package com.careslot.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

/** Every context of a JVM asking for one port shares one server, which stops when the last of them lets go. */
class EmbeddedMailServerTest {

    @Test
    void contextsAskingForOnePortShareOneServerUntilTheLastLetsGo() throws IOException {
        int port = freePort();

        EmbeddedMailServer first = EmbeddedMailServer.obtain(port);
        EmbeddedMailServer second = EmbeddedMailServer.obtain(port);
        assertThat(second).isSameAs(first);
        assertThat(first.smtpPort()).isEqualTo(port);

        first.release();
        new Socket(EmbeddedMailServer.BIND_ADDRESS, port).close();

        second.release();
        assertThatThrownBy(() -> new Socket(EmbeddedMailServer.BIND_ADDRESS, port).close())
                .isInstanceOf(ConnectException.class);
        EmbeddedMailServer third = EmbeddedMailServer.obtain(port);
        assertThat(third).as("a fresh server after the last let go").isNotSameAs(first);
        third.release();
    }

    @Test
    void portZeroMeansOneServerOnAPortChosenAtItsStart() {
        EmbeddedMailServer server = EmbeddedMailServer.obtain(0);
        try {
            assertThat(server.smtpPort()).isPositive();
            assertThat(EmbeddedMailServer.obtain(0)).isSameAs(server);
            server.release();
        } finally {
            server.release();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
