package com.careslot.notification.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.async.StandardServletAsyncWebRequest;

/** An export may stream far longer than the container's default async timeout; other async answers keep it. */
class ExportTimeoutTest {

    static final long CONTAINER_DEFAULT = 30_000;

    @Test
    void givesAnExportAnHour() throws Exception {
        assertThat(timeoutOf(true)).isEqualTo(ExportTimeout.EXPORT_TIMEOUT.toMillis()).isEqualTo(3_600_000);
    }

    @Test
    void leavesOtherAsynchronousRequestsAlone() throws Exception {
        assertThat(timeoutOf(false)).isEqualTo(CONTAINER_DEFAULT);
    }

    private static long timeoutOf(boolean export) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/audit/export");
        request.setAsyncSupported(true);
        if (export) {
            request.setAttribute(ExportTimeout.LONG_RUNNING, Boolean.TRUE);
        }
        StandardServletAsyncWebRequest async =
                new StandardServletAsyncWebRequest(request, new MockHttpServletResponse());
        async.setTimeout(CONTAINER_DEFAULT);

        new ExportTimeout.LongRunning().beforeConcurrentHandling(async, () -> null);
        async.startAsync();

        return request.getAsyncContext().getTimeout();
    }
}
