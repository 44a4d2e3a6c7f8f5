package io.reviewstream.standalone.operations;

import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.standalone.Standalone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot be run where the tests run, so it is held to what the code says: image tags to the
 * versions the parent pom pins, ports to each service's configuration, environment variables to the
 * {@code @ConfigurationProperties} records that bind them, mounted files to what {@code deploy/} holds, and the
 * init container's topics to the topic registry.
 */
class ComposeConsistencyTest {

    static final Map<String, Integer> SERVICES = Map.of(
            "flow-service", 8080, "task-service", 8090, "loop-router", 8070, "result-writer", 8060);

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(DeployFiles.root().resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void imagesArePinnedToTheVersionsTheServicesAreBuiltWith() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(DeployFiles.root().resolve("pom.xml").toFile());
        String kafka = pom.getElementsByTagName("kafka.version").item(0).getTextContent().trim();
        String apicurio = pom.getElementsByTagName("apicurio.version").item(0).getTextContent().trim();
        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            if (image == null) {
                assertThat(service).as(name + " has an image or a build").containsKey("build");
                return;
            }
            assertThat(image).as(name + " image tag").matches("[^:]+:[^:]+").doesNotEndWith(":latest");
            if (image.startsWith("apache/kafka:")) {
                assertThat(image).as(name).isEqualTo("apache/kafka:" + kafka);
            }
            if (image.startsWith("apicurio/")) {
                assertThat(image).as(name).endsWith(":" + apicurio);
            }
        });
        assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:" + kafka);
    }

    @Test
    void everyServicePublishesAndScrapesThePortOfItsOwnConfiguration() throws IOException {
        String scrape = Files.readString(DeployFiles.deploy("prometheus/prometheus.yml"));
        for (var entry : SERVICES.entrySet()) {
            String module = entry.getKey();
            int port = serverPort(module);
            assertThat(port).as(module + ".yml server.port").isEqualTo(entry.getValue());
            Map<String, Object> service = services.get(module);
            assertThat(service).as(module).isNotNull();
            assertThat(service.get("ports")).as(module + " ports").asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.LIST).contains(port + ":" + port);
            assertThat(environment(service)).as(module).containsEntry("SERVER_PORT", String.valueOf(port));
            assertThat(scrape).as("prometheus.yml target of " + module).contains(module + ":" + port);
            assertThat(service).as(module + " health check").containsKey("healthcheck");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsBuiltFromTheDockerfileWithAnExistingMainClass() throws Exception {
        for (String module : SERVICES.keySet()) {
            Map<String, Object> build = (Map<String, Object>) services.get(module).get("build");
            assertThat(DeployFiles.root().resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
                    .as(module + " Dockerfile").isRegularFile();
            Map<String, Object> args = (Map<String, Object>) build.get("args");
            assertThat(args).containsEntry("SERVICE", module);
            assertThat(Class.forName((String) args.get("MAIN_CLASS"))).as(module + " main class").isNotNull();
        }
    }

    @Test
    void everyEnvironmentVariableOfAServiceBindsToAConfigurationProperty() {
        ConfigurationKeys keys = ConfigurationKeys.scan();
        List<String> unbound = new ArrayList<>();
        for (String module : SERVICES.keySet()) {
            environment(services.get(module)).keySet().stream().filter(variable -> !keys.binds(variable))
                    .forEach(variable -> unbound.add(module + ": " + variable));
        }
        assertThat(unbound).as("environment variables no @ConfigurationProperties record binds").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMountedFileExistsInTheRepository() {
        services.forEach((name, service) -> {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(DeployFiles.root().resolve(source.substring(2))).as(name + " mounts " + source).exists();
                }
            }
        });
        assertThat(DeployFiles.deploy("grafana/provisioning/dashboards/reviewstream.yml")).isRegularFile();
        assertThat(DeployFiles.deploy("grafana/provisioning/datasources/prometheus.yml")).isRegularFile();
    }

    @Test
    void theInitContainerCreatesEverySharedTopicWithItsCleanupPolicy() {
        Topics topics = new Topics(Standalone.TOPIC_PREFIX, new SerdeFactory(
                new SchemaRegistryClient("http://127.0.0.1:1/apis/ccompat/v7"), new Envelopes(Clock.systemUTC())));
        Map<String, String> init = environment(services.get("kafka-init"));
        assertThat(words(init.get("COMPACTED_TOPICS"))).containsExactlyInAnyOrderElementsOf(
                topics.all().stream().filter(Topic::compacted).map(Topic::name).toList());
        assertThat(words(init.get("STREAM_TOPICS"))).containsExactlyInAnyOrderElementsOf(
                topics.all().stream().filter(topic -> !topic.compacted()).map(Topic::name).toList());
        assertThat(environment(services.get("flow-service"))).containsEntry("REVIEWSTREAM_KAFKA_PARTITIONS",
                init.get("PARTITIONS"));
    }

    private static Collection<String> words(String value) {
        return new TreeSet<>(List.of(value.trim().split("\\s+")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
        Map<String, String> values = new java.util.LinkedHashMap<>();
        environment.forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }

    @SuppressWarnings("unchecked")
    static int serverPort(String module) throws IOException {
        try (Reader reader = Files.newBufferedReader(DeployFiles.root()
                .resolve(module + "/src/main/resources/" + module + ".yml"))) {
            Map<String, Object> config = new Yaml().load(reader);
            return (Integer) ((Map<String, Object>) config.get("server")).get("port");
        }
    }
}
