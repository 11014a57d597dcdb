package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.fasterxml.jackson.databind.JsonNode;

/** The API description behind Swagger UI: every endpoint listed, and the bearer scheme its Authorize button uses. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiTest {

    @LocalServerPort
    int port;

    @Test
    void describesTheBearerSchemeSwaggerUiAuthorizesWith() {
        HttpJson api = HttpJson.onPort(port);
        JsonNode description = api.get("/v3/api-docs").json();

        JsonNode bearer = description.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(description.path("security").findValues("bearer")).isNotEmpty();
        assertThat(description.path("paths").fieldNames()).toIterable()
                .contains("/api/auth/login", "/api/doctors/{doctorId}/slots", "/api/slots/{slotId}/book",
                        "/api/slots/{slotId}/reschedule", "/api/slots", "/api/audit/events", "/api/admin/doctors",
                        "/api/slots/{slotId}", "/api/doctors/me/dashboard", "/api/doctors/{doctorId}/documents",
                        "/api/doctors/{doctorId}/documents/{documentId}", "/api/doctors/{doctorId}/photo");
        assertThat(description.path("paths").path("/api/slots/{slotId}").has("patch")).as("moving a free slot").isTrue();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
