package com.careslot.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every error every service answers is problem+json: controller errors ({@link ProblemDetailsAdvice}), errors before
 * a controller ({@link ProblemErrorController}) and what Tomcat refuses itself ({@link ProblemErrorReportValve}).
 * Text with control characters or bidirectional overrides is refused at the edge ({@link PrintableText}).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication
@Import({ProblemDetailsAdvice.class, ProblemErrorController.class})
public class WebAutoConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    WebMvcConfigurer printableText() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                for (HttpMessageConverter<?> converter : converters) {
                    if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                        jackson.setObjectMapper(jackson.getObjectMapper().copy().registerModule(PrintableText.module()));
                    }
                }
            }
        };
    }

    /** First of all, so that even a refusal before any other filter says who refused. */
    @Bean
    FilterRegistrationBean<ServedByFilter> servedByFilter(
            @Value("${spring.application.name:careslot}") String service,
            @Value("${careslot.instance:}") String instance) {
        String name = instance.isBlank() ? service + "@" + hostName() : instance;
        FilterRegistrationBean<ServedByFilter> registration =
                new FilterRegistrationBean<>(new ServedByFilter(service, name));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after it: a filter's database failure during an outage is answered 503, not thrown to the container. */
    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(ObjectMapper json) {
        FilterRegistrationBean<DatabaseOutageFilter> registration =
                new FilterRegistrationBean<>(new DatabaseOutageFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Bean
    FilterRegistrationBean<BodySizeFilter> bodySizeFilter(
            ObjectMapper json, @Value("${careslot.web.max-body-size:1MB}") DataSize limit) {
        FilterRegistrationBean<BodySizeFilter> registration =
                new FilterRegistrationBean<>(new BodySizeFilter(limit.toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    @Bean
    FilterRegistrationBean<QueryTextFilter> queryTextFilter(ObjectMapper json) {
        FilterRegistrationBean<QueryTextFilter> registration = new FilterRegistrationBean<>(new QueryTextFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
