package com.careslot.notification.audit;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A streamed export runs as an asynchronous request, which the servlet container ends after its default async
 * timeout (30 s in Tomcat) — too short for a trail of millions of entries. Requests marked {@link #LONG_RUNNING}
 * get {@link #EXPORT_TIMEOUT} instead; every other asynchronous request keeps the default.
 */
@Configuration(proxyBeanMethods = false)
class ExportTimeout implements WebMvcConfigurer {

    static final String LONG_RUNNING = ExportTimeout.class.getName() + ".longRunning";
    static final Duration EXPORT_TIMEOUT = Duration.ofHours(1);

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.registerCallableInterceptors(new LongRunning());
    }

    /** Sets the timeout just before the asynchronous part starts, the last moment it can be changed. */
    static final class LongRunning implements CallableProcessingInterceptor {

        @Override
        public <T> void beforeConcurrentHandling(NativeWebRequest request, Callable<T> task) {
            if (request instanceof AsyncWebRequest async
                    && request.getAttribute(LONG_RUNNING, RequestAttributes.SCOPE_REQUEST) != null) {
                async.setTimeout(EXPORT_TIMEOUT.toMillis());
            }
        }
    }
}
