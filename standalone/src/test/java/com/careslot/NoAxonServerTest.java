package com.careslot;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

/** Without the connector on the classpath nothing can try to reach an Axon Server: the event store is PostgreSQL. */
class NoAxonServerTest {

    @Test
    void axonServerConnectorIsNotOnTheClasspath() {
        assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() ->
                Class.forName("org.axonframework.axonserver.connector.AxonServerConfiguration"));
    }
}
