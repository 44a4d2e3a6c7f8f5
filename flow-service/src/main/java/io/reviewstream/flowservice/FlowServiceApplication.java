package io.reviewstream.flowservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/**
 * flow-service: the A2I control plane and human-loop runtime API in the AWS wire format, and the operator's console.
 * Spring Security's filter is registered for the console's paths alone ({@code ConsoleSecurityConfiguration}), not
 * for every path as its auto-configuration would: the AWS API has its own authentication and error shapes.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration")
@ConfigurationPropertiesScan
public class FlowServiceApplication {

    /**
     * The service reads {@code flow-service.yml}, not {@code application.yml}, so that the standalone mode can run all four
     * services in one JVM, each with its own configuration.
     */
    public static final String CONFIG_NAME = "flow-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(FlowServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
