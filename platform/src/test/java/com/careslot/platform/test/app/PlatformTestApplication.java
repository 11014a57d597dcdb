package com.careslot.platform.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A service with nothing of its own, so platform's tests see exactly what platform's auto-configurations give every
 * service. Tests name it explicitly; it sits apart from every service's package so no other module finds it.
 */
@SpringBootApplication
public class PlatformTestApplication {
}
