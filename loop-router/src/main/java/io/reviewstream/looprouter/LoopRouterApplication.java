package io.reviewstream.looprouter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** loop-router: evaluates activation conditions for every prediction and start request and starts human loops. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LoopRouterApplication {

    /**
     * The service reads {@code loop-router.yml}, not {@code application.yml}, so that the standalone mode can run all four
     * services in one JVM, each with its own configuration.
     */
    public static final String CONFIG_NAME = "loop-router";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(LoopRouterApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
