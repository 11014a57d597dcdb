package com.careslot.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The query side alone: projections into read models and the read API, on port 8082 by default. */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("server.port=8082", "spring.application.name=careslot-query-side")
                .run(args);
    }
}
