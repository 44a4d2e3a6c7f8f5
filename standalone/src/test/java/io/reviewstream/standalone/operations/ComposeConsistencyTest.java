package io.reviewstream.standalone.operations;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.standalone.Demo;
import io.reviewstream.standalone.ServiceProcess;
import io.reviewstream.standalone.ServiceSettings;
import io.reviewstream.standalone.Standalone;
import io.reviewstream.standalone.StandaloneConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot be run where the tests run, so it is held to what the code says: image tags to the
 * versions the parent pom pins, ports to each service's configuration, environment variables to the
 * {@code @ConfigurationProperties} records that bind them and to the settings the standalone mode gives each
 * service, mounted files to what {@code deploy/} holds and to the paths Grafana and Prometheus read, and the init
 * containers' topics and bucket to the topic registry and the demo.
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

    /**
     * A container runs what {@code java -jar} of the service's executable jar runs: the Dockerfile unpacks the jar
     * the module's pom repackages, with the classifier the separate-processes test starts, and launches its main.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyServiceImageRunsTheExecutableJarItsModuleBuilds() throws Exception {
        String dockerfile = Files.readString(DeployFiles.deploy("Dockerfile"));
        assertThat(dockerfile).as("the Dockerfile unpacks the executable jar")
                .contains("\"$SERVICE\"/target/\"$SERVICE\"-*-" + ServiceProcess.JAR_CLASSIFIER + ".jar")
                .contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        for (String module : SERVICES.keySet()) {
            Map<String, Object> build = (Map<String, Object>) services.get(module).get("build");
            assertThat(DeployFiles.root().resolve((String) build.get("context")).resolve((String) build.get("dockerfile"))
                    .normalize()).as(module + " Dockerfile").isEqualTo(DeployFiles.deploy("Dockerfile"));
            assertThat((Map<String, Object>) build.get("args")).as(module + " build args")
                    .isEqualTo(Map.of("SERVICE", module));
            assertThat(services.get(module)).as(module + " runs the image's launcher").doesNotContainKeys(
                    "command", "entrypoint");
            Element repackage = repackagePlugin(module);
            assertThat(text(repackage, "classifier")).as(module + " jar classifier").isEqualTo(ServiceProcess.JAR_CLASSIFIER);
            assertThat(Class.forName(text(repackage, "mainClass")).getMethod("main", String[].class))
                    .as(module + " main class").isNotNull();
        }
    }

    /** The spring-boot-maven-plugin of a module's own pom. */
    private static Element repackagePlugin(String module) throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(DeployFiles.root().resolve(module).resolve("pom.xml").toFile());
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("spring-boot-maven-plugin".equals(text(plugin, "artifactId"))) {
                return plugin;
            }
        }
        throw new AssertionError(module + "/pom.xml does not repackage an executable jar");
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        assertThat(nodes.getLength()).as("<" + tag + "> in " + parent.getTagName()).isPositive();
        return nodes.item(0).getTextContent().trim();
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
    @SuppressWarnings("unchecked")
    void theInitContainerCreatesEverySharedTopicWithItsCleanupPolicyAndRecordSize() {
        Topics topics = new Topics(Standalone.TOPIC_PREFIX, new SerdeFactory(
                new SchemaRegistryClient("http://127.0.0.1:1/apis/ccompat/v7"), new Envelopes(Clock.systemUTC())));
        Map<String, String> init = environment(services.get("kafka-init"));
        assertThat(words(init.get("COMPACTED_TOPICS"))).containsExactlyInAnyOrderElementsOf(
                topics.all().stream().filter(Topic::compacted).map(Topic::name).toList());
        assertThat(words(init.get("STREAM_TOPICS"))).containsExactlyInAnyOrderElementsOf(
                topics.all().stream().filter(topic -> !topic.compacted()).map(Topic::name).toList());
        assertThat(environment(services.get("flow-service"))).containsEntry("REVIEWSTREAM_KAFKA_PARTITIONS",
                init.get("PARTITIONS"));
        assertThat(init).containsEntry("MAX_MESSAGE_BYTES", Integer.toString(Topic.MAX_RECORD_BYTES));
        String script = String.join(" ", (List<String>) services.get("kafka-init").get("entrypoint"));
        assertThat(script.split("--create", -1)).as("topic creations").hasSize(3);
        assertThat(script.split("--config max.message.bytes=\\$\\$MAX_MESSAGE_BYTES", -1))
                .as("topic creations with the record size").hasSize(3);
    }

    /**
     * Containers are configured like the standalone mode configures each service in its JVM. Only the keys are held
     * to compose: the standalone's values are addresses and paths on one machine, the containers' their own.
     */
    @Test
    void everyServiceGetsEverySettingTheStandaloneModeGivesIt() {
        Map<String, Map<String, String>> standalone = ServiceSettings.of(StandaloneConfig.defaults(Path.of("data")),
                EmbeddedInfra.springProperties("broker", "registry", "s3", "access-key", "secret-key"));
        assertThat(standalone.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
        List<String> missing = new ArrayList<>();
        standalone.forEach((module, settings) -> settings.keySet().stream()
                .filter(key -> !environment(services.get(module)).containsKey(ConfigurationKeys.environmentVariable(key)))
                .forEach(key -> missing.add(module + ": " + key + " (" + ConfigurationKeys.environmentVariable(key) + ")")));
        assertThat(missing).as("keys the standalone mode sets that compose does not").isEmpty();
        standalone.forEach((module, settings) -> assertThat(environment(services.get(module))).as(module)
                .containsEntry("REVIEWSTREAM_KAFKA_TOPICPREFIX", settings.get("reviewstream.kafka.topic-prefix")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaReachesPrometheusByItsServiceNameAndFindsTheDashboardsWhereTheyAreMounted() throws IOException {
        Map<String, Object> datasources = yaml(DeployFiles.deploy("grafana/provisioning/datasources/prometheus.yml"));
        URI url = URI.create((String) ((List<Map<String, Object>>) datasources.get("datasources")).get(0).get("url"));
        assertThat(services).as("the data source's host is a compose service").containsKey(url.getHost());
        assertThat(containerPorts(services.get(url.getHost()))).as("ports " + url.getHost() + " listens on")
                .contains(url.getPort());

        Map<String, Object> grafana = services.get("grafana");
        String provisioning = environment(grafana).getOrDefault("GF_PATHS_PROVISIONING", "/etc/grafana/provisioning");
        assertThat(mounted(grafana, provisioning)).as("Grafana's provisioning folder")
                .isEqualTo(DeployFiles.deploy("grafana/provisioning"));
        Map<String, Object> provider = ((List<Map<String, Object>>) yaml(DeployFiles.deploy(
                "grafana/provisioning/dashboards/reviewstream.yml")).get("providers")).get(0);
        assertThat(mounted(grafana, (String) ((Map<String, Object>) provider.get("options")).get("path")))
                .as("the dashboard provider's path").isEqualTo(DeployFiles.deploy("grafana/dashboards"));
        assertThat(mounted(grafana, environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")))
                .as("the home dashboard").isRegularFile();

        Map<String, Object> prometheus = services.get("prometheus");
        String config = ((List<String>) prometheus.get("command")).stream()
                .filter(argument -> argument.startsWith("--config.file=")).findFirst().orElseThrow()
                .substring("--config.file=".length());
        assertThat(mounted(prometheus, config)).as("Prometheus' configuration")
                .isEqualTo(DeployFiles.deploy("prometheus/prometheus.yml"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void minioInitCreatesTheBucketTheDemoFlowWritesTo() {
        String script = String.join(" ", (List<String>) services.get("minio-init").get("entrypoint"));
        Matcher bucket = Pattern.compile("mc mb (?:--\\S+\\s+)*\\w+/(\\S+)").matcher(script);
        assertThat(bucket.find()).as("minio-init runs mc mb: " + script).isTrue();
        assertThat(bucket.group(1)).isEqualTo(Demo.OUTPUT_BUCKET);
    }

    /** The repository file a service sees at a container path, through its bind mounts. */
    @SuppressWarnings("unchecked")
    private static Path mounted(Map<String, Object> service, String containerPath) {
        for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
            String[] parts = String.valueOf(volume).split(":");
            String target = parts[1];
            if (parts[0].startsWith("./") && (containerPath.equals(target) || containerPath.startsWith(target + "/"))) {
                return DeployFiles.root().resolve(parts[0].substring(2))
                        .resolve(containerPath.substring(target.length()).replaceFirst("^/", ""));
            }
        }
        throw new AssertionError("Nothing of the repository is mounted at " + containerPath + " in " + service);
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> containerPorts(Map<String, Object> service) {
        return ((List<Object>) service.getOrDefault("ports", List.of())).stream()
                .map(mapping -> String.valueOf(mapping).split(":"))
                .map(parts -> Integer.valueOf(parts[parts.length - 1])).toList();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
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
