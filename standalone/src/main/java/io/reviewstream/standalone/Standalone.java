package io.reviewstream.standalone;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.flowservice.FlowServiceApplication;
import io.reviewstream.flowservice.domain.FlowDefinitions;
import io.reviewstream.looprouter.LoopRouterApplication;
import io.reviewstream.resultwriter.ResultWriterApplication;
import io.reviewstream.schemas.config.ReviewstreamKafkaProperties;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.kafka.KafkaClients;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.streams.StreamsApp;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import io.reviewstream.taskservice.TaskServiceApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Everything on one machine: the real broker, registry and S3 server, the shared topics and the output bucket,
 * the demo, and the four services, each in its own Spring context in this JVM with its own configuration file; or,
 * {@link #startInfraOnly infrastructure only}, for services that run as processes of their own.
 */
public final class Standalone implements AutoCloseable {

    public static final String TOPIC_PREFIX = "rs.";
    private static final Duration STREAMS_READY_TIMEOUT = Duration.ofMinutes(5);

    private final StandaloneConfig config;
    private final EmbeddedInfra infra;
    private final Map<String, Map<String, String>> settings;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    private Standalone(StandaloneConfig config, EmbeddedInfra infra) {
        this.config = config;
        this.infra = infra;
        this.settings = ServiceSettings.of(config, infra.springProperties());
    }

    public static Standalone start(StandaloneConfig config) {
        return start(config, true);
    }

    /**
     * The broker, registry and S3 server with the shared topics, the output bucket and the workers file, and no
     * service: the four services run as processes of their own against it, each with its {@link #settings()}. Without
     * flow-service in this JVM there is no demo to seed; a user creates a team, task UI and flow through the API.
     */
    public static Standalone startInfraOnly(StandaloneConfig config) {
        return start(config, false);
    }

    private static Standalone start(StandaloneConfig config, boolean withServices) {
        EmbeddedInfra infra = EmbeddedInfra.start(config.infra());
        Standalone standalone = new Standalone(config, infra);
        try {
            standalone.prepare();
            if (withServices) {
                standalone.startServices();
                standalone.awaitStreamsRunning();
            }
            return standalone;
        } catch (RuntimeException e) {
            standalone.close();
            throw e;
        }
    }

    private void prepare() {
        ReviewstreamKafkaProperties kafka = new ReviewstreamKafkaProperties(infra.schemaRegistryUrl(), TOPIC_PREFIX,
                6, (short) 1, Duration.ZERO, null);
        try (Admin admin = KafkaClients.forBootstrapServers(infra.bootstrapServers()).admin(Map.of())) {
            for (var topic : topics().all()) {
                NewTopic newTopic = topic.newTopic(kafka.partitions(), kafka.replicationFactor());
                try {
                    admin.createTopics(List.of(newTopic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        infra.createBucket(Demo.OUTPUT_BUCKET);
        writeUsersFile();
    }

    /**
     * The services share one classpath here, which holds task-service's Spring Security; the others must not be
     * secured by its auto-configuration, as they are not when they run on their own.
     */
    private static final Map<String, String> WITHOUT_WORKER_SECURITY = Map.of("spring.autoconfigure.exclude",
            String.join(",",
                    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
                    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                    "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
                    "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
                    "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration"));

    /**
     * flow-service first, and the demo seeded through it, so that loop-router's flow-definition store holds the demo
     * flow before its first prediction: a global store is complete when a Streams app starts, not later.
     */
    private void startServices() {
        // flow-service secures its console itself, for /console/ alone
        start("flow-service", FlowServiceApplication::application, Map.of());
        seedDemo();
        start("loop-router", LoopRouterApplication::application, WITHOUT_WORKER_SECURITY);
        start("task-service", TaskServiceApplication::application, Map.of());
        start("result-writer", ResultWriterApplication::application, WITHOUT_WORKER_SECURITY);
    }

    /** Once flow-service's views have read the resource topics, so that a restart finds the demo there. */
    private void seedDemo() {
        ConfigurableApplicationContext flowService = services.stream()
                .filter(context -> context.getBeanNamesForType(FlowDefinitions.class).length > 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("flow-service is not running"));
        for (CompactedTopicView<?> view : flowService.getBeansOfType(CompactedTopicView.class).values()) {
            if (!view.awaitCaughtUp(STREAMS_READY_TIMEOUT)) {
                throw new IllegalStateException("flow-service could not read its resource topics");
            }
        }
        new DemoSeed(flowService).seed();
    }

    /** {@code inOneJvm}: what sharing this JVM with the other services calls for, on top of {@link ServiceSettings}. */
    private void start(String name, Supplier<SpringApplication> application, Map<String, String> inOneJvm) {
        List<String> args = new ArrayList<>();
        // close() stops the services before the infrastructure; the contexts' own hooks would race with it
        args.add("--spring.main.register-shutdown-hook=false");
        args.add("--spring.main.banner-mode=off");
        settings.get(name).forEach((key, value) -> args.add("--" + key + "=" + value));
        inOneJvm.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = application.get().run(args.toArray(String[]::new));
        services.add(context);
        ports.put(name, ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /**
     * Waits until every Kafka Streams app has restored its state and owns its partitions. Until then a worker's
     * request times out (after a restart, restoring can take a while) although the command behind it is still applied
     * later, e.g. a task claimed for a caller who was told it failed.
     */
    private void awaitStreamsRunning() {
        List<StreamsApp> apps = services.stream()
                .flatMap(context -> context.getBeansOfType(StreamsApp.class).values().stream()).toList();
        Instant deadline = Instant.now().plus(STREAMS_READY_TIMEOUT);
        while (apps.stream().anyMatch(app -> app.state() != KafkaStreams.State.RUNNING)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka Streams apps not running after " + STREAMS_READY_TIMEOUT + ": "
                        + apps.stream().map(app -> app.state().name()).toList());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the Streams apps", e);
            }
        }
    }

    /**
     * The demo's worker, operator and viewer, in one file that the portal and the console both read. A file from
     * an older data folder gets the users it lacks; users already in it are left as they are.
     */
    private void writeUsersFile() {
        Path file = config.usersFile();
        Map<String, String> demoUsers = new LinkedHashMap<>();
        demoUsers.put(Demo.WORKER, Demo.WORKER_PASSWORD + ":" + Demo.GROUP);
        demoUsers.put(Demo.OPERATOR, Demo.OPERATOR_PASSWORD + ":" + Demo.OPERATOR_GROUP);
        demoUsers.put(Demo.VIEWER, Demo.VIEWER_PASSWORD + ":" + Demo.VIEWER_GROUP);
        try {
            Files.createDirectories(file.getParent());
            String existing = Files.exists(file) ? Files.readString(file)
                    : "# Reviewstream users: username:bcrypt-hash:group1,group2\n";
            StringBuilder users = new StringBuilder(existing);
            BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
            demoUsers.forEach((user, passwordAndGroup) -> {
                if (!existing.lines().anyMatch(line -> line.startsWith(user + ":"))) {
                    String[] parts = passwordAndGroup.split(":", 2);
                    users.append(user).append(':').append(bcrypt.encode(parts[0])).append(':').append(parts[1])
                            .append('\n');
                }
            });
            if (!users.toString().equals(existing)) {
                Files.writeString(file, users.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EmbeddedInfra infra() {
        return infra;
    }

    /** The shared topics with their serdes, against this infrastructure's registry. */
    public Topics topics() {
        return new Topics(TOPIC_PREFIX, new SerdeFactory(new SchemaRegistryClient(infra.schemaRegistryUrl()),
                new Envelopes(Clock.systemUTC())));
    }

    /** What each service is started with, by module name: {@link ServiceSettings} for this infrastructure. */
    public Map<String, Map<String, String>> settings() {
        return settings;
    }

    /** The port each service listens on, by module name. */
    public Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    public String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        infra.close();
    }
}
