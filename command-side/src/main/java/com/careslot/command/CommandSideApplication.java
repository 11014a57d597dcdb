package com.careslot.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The command side alone: aggregates, command handlers and the write API, on port 8081 by default. */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("server.port=8081", "spring.application.name=careslot-command-side")
                .run(args);
    }
}
