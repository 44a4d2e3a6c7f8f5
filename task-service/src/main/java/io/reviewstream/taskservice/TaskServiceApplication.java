package io.reviewstream.taskservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** task-service: turns human loops into tasks for work teams and serves the worker portal and worker API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TaskServiceApplication {

    /**
     * The service reads {@code task-service.yml}, not {@code application.yml}, so that the standalone mode can run all four
     * services in one JVM, each with its own configuration.
     */
    public static final String CONFIG_NAME = "task-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(TaskServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
