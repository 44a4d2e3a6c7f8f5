package io.reviewstream.standalone;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration the standalone mode gives each service, by module name. A deployment that runs a service on its
 * own has to set the same keys (with its own addresses and paths), so they are data that it can be held to rather
 * than arguments put together while starting.
 */
public final class ServiceSettings {

    /** The services by module name, in the order they are best started. */
    public static final List<String> SERVICES = List.of("flow-service", "loop-router", "task-service", "result-writer");

    private ServiceSettings() {
    }

    /**
     * @param infra the shared keys that point every service at the infrastructure, as
     *              {@link io.reviewstream.embedded.EmbeddedInfra#springProperties()} gives them
     */
    public static Map<String, Map<String, String>> of(StandaloneConfig config, Map<String, String> infra) {
        return Map.of(
                "flow-service", service("flow-service", config.flowServicePort(), infra, Map.of(
                        "reviewstream.auth.credentials[0].access-key-id", Demo.ACCESS_KEY_ID,
                        "reviewstream.auth.credentials[0].secret-access-key", Demo.SECRET_ACCESS_KEY,
                        "reviewstream.flow.worker-portal-url", "http://localhost:" + config.taskServicePort(),
                        "reviewstream.flow.state-dir", state(config, "flow-service"),
                        "reviewstream.console.users-file", config.usersFile().toString())),
                "loop-router", service("loop-router", config.loopRouterPort(), infra, Map.of(
                        "reviewstream.router.state-dir", state(config, "loop-router"))),
                "task-service", service("task-service", config.taskServicePort(), infra, Map.of(
                        "reviewstream.tasks.state-dir", state(config, "task-service"),
                        "reviewstream.portal.users-file", config.usersFile().toString())),
                "result-writer", service("result-writer", config.resultWriterPort(), infra, Map.of(
                        "reviewstream.writer.state-dir", state(config, "result-writer"))));
    }

    /**
     * The settings of task-service's {@code n}th instance beside the first: its own port, state folder and static
     * group member name, so that the group spreads the queue partitions over the instances.
     */
    public static Map<String, String> taskServiceInstance(Map<String, String> first, int n, int port) {
        Map<String, String> settings = new LinkedHashMap<>(first);
        settings.put("server.port", String.valueOf(port));
        settings.put("reviewstream.tasks.state-dir", first.get("reviewstream.tasks.state-dir") + "-" + n);
        settings.put("reviewstream.kafka.instance-id", "task-service-" + n);
        return Collections.unmodifiableMap(settings);
    }

    private static Map<String, String> service(String module, int port, Map<String, String> infra,
                                               Map<String, String> own) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", String.valueOf(port));
        settings.putAll(infra);
        settings.put("reviewstream.kafka.topic-prefix", Standalone.TOPIC_PREFIX);
        // one instance of each service: restarted, it takes its partitions back without waiting for the group
        settings.put("reviewstream.kafka.instance-id", module);
        settings.putAll(own);
        return Collections.unmodifiableMap(settings);
    }

    private static String state(StandaloneConfig config, String service) {
        return config.dataDir().resolve("state").resolve(service).toAbsolutePath().toString();
    }
}
