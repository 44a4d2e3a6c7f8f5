package io.reviewstream.resultwriter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** result-writer: writes finished loops to object storage in A2I's output layout and announces them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ResultWriterApplication {

    /**
     * The service reads {@code result-writer.yml}, not {@code application.yml}, so that the standalone mode can run all four
     * services in one JVM, each with its own configuration.
     */
    public static final String CONFIG_NAME = "result-writer";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ResultWriterApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
