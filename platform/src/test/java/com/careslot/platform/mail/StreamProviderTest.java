package com.careslot.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;

import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

import com.careslot.platform.CareslotDefaults;

import jakarta.mail.util.StreamProvider;

/**
 * Jakarta Mail finds its stream provider by the system property the platform's defaults set, not by a ServiceLoader
 * scan for every multipart, body part and encoded header (half the CPU of sending mail from the packaged jar).
 */
class StreamProviderTest {

    @Test
    void theDefaultsNameAngusStreamProviderSoJakartaMailNeedsNoServiceLoaderScan() throws Exception {
        new CareslotDefaults().postProcessEnvironment(new StandardEnvironment(), new SpringApplication());

        assertThat(System.getProperty(StreamProvider.class.getName())).isEqualTo(MailStreamProvider.class.getName());
        Method provider = StreamProvider.class.getDeclaredMethod("provider");
        provider.setAccessible(true);
        assertThat(provider.invoke(null)).isInstanceOf(MailStreamProvider.class);
    }
}
