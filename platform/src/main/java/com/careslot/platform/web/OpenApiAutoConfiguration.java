package com.careslot.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description's frame: title, and the bearer scheme behind Swagger UI's Authorize button (paste the
 * {@code accessToken} from {@code POST /api/auth/login}).
 */
@AutoConfiguration
public class OpenApiAutoConfiguration {

    static final String BEARER = "bearer";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI careslotOpenApi(@Value("${spring.application.name:careslot}") String name) {
        return new OpenAPI()
                .info(new Info().title("Careslot API (" + name + ")").version("v1")
                        .description("Doctor appointments: slots, bookings, accounts and the audit trail. "
                                + "Errors are RFC 9457 application/problem+json."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("The accessToken from POST /api/auth/login")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
