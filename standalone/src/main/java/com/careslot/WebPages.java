package com.careslot;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web pages (the {@code web} module's jar, static files under {@code META-INF/resources}) are served at {@code /}
 * by Spring Boot's resource handling. The pages route in the URL's fragment; the one real path besides {@code /} is
 * the invitation link the command side mails, {@code /accept-invite?token=…}, which opens the same page.
 */
@Configuration(proxyBeanMethods = false)
class WebPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/accept-invite").setViewName("forward:/index.html");
    }
}
