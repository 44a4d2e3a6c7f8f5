package io.reviewstream.standalone.operations;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.standalone.ServiceSettings;
import io.reviewstream.standalone.StandaloneConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests, held to the code like the compose file: ports, probe paths, replicas with a disruption
 * budget, sticky sessions for the worker portal, every environment variable bound by a configuration record, every
 * referenced ConfigMap and Secret defined, and every manifest listed in the kustomization.
 */
class KubernetesManifestsTest {

    private static final List<Map<String, Object>> resources = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.deploy("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    new Yaml().loadAll(reader).forEach(document -> resources.add((Map<String, Object>) document));
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyManifestIsListedInTheKustomization() throws IOException {
        Map<String, Object> kustomization = resources.stream().filter(r -> "Kustomization".equals(r.get("kind")))
                .findFirst().orElseThrow();
        try (Stream<Path> files = Files.list(DeployFiles.deploy("k8s"))) {
            assertThat((List<String>) kustomization.get("resources")).containsExactlyInAnyOrderElementsOf(files
                    .map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceRunsReplicatedWithProbesOnItsOwnPortAndADisruptionBudget() throws IOException {
        for (String module : ComposeConsistencyTest.SERVICES.keySet()) {
            int port = ComposeConsistencyTest.serverPort(module);
            Map<String, Object> deployment = resource("Deployment", module);
            Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
            assertThat((Integer) spec.get("replicas")).as(module + " replicas").isGreaterThanOrEqualTo(2);
            Map<String, Object> container = container(deployment);
            assertThat(get(container, "ports", 0, "containerPort")).as(module + " port").isEqualTo(port);
            assertThat(env(container)).as(module).containsEntry("SERVER_PORT", String.valueOf(port));
            assertThat(get(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(get(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            Object labels = get(spec, "selector", "matchLabels");
            assertThat(get(resource("PodDisruptionBudget", module), "spec", "selector", "matchLabels"))
                    .as(module + " budget selects the pods").isEqualTo(labels);
            assertThat(get(resource("Service", module), "spec", "selector")).as(module + " service").isEqualTo(labels);
            assertThat(get(resource("Service", module), "spec", "ports", 0, "port")).isEqualTo(port);
        }
    }

    /**
     * A pod runs the image deploy/Dockerfile builds for its module, whose entrypoint is the executable jar's launcher,
     * and gets every setting the standalone mode gives that service, from its own variables, the ConfigMap or a
     * Secret. Only the keys are held to the manifests: the values are the cluster's own.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyServiceRunsItsOwnImageWithEverySettingTheStandaloneModeGivesIt() {
        Map<String, Map<String, String>> standalone = ServiceSettings.of(StandaloneConfig.defaults(Path.of("data")),
                EmbeddedInfra.springProperties("broker", "registry", "s3", "access-key", "secret-key"));
        List<String> missing = new ArrayList<>();
        for (String module : ComposeConsistencyTest.SERVICES.keySet()) {
            Map<String, Object> container = container(resource("Deployment", module));
            assertThat((String) container.get("image")).as(module + " image").startsWith("reviewstream/" + module + ":");
            assertThat(container).as(module + " runs the image's launcher").doesNotContainKeys("command", "args");
            Set<String> variables = new TreeSet<>(env(container).keySet());
            for (Map<String, Object> source : (List<Map<String, Object>>) container.get("envFrom")) {
                variables.addAll(source.containsKey("configMapRef")
                        ? ((Map<String, Object>) resource("ConfigMap", (String) get(source, "configMapRef", "name"))
                                .get("data")).keySet()
                        : ((Map<String, Object>) resource("Secret", (String) get(source, "secretRef", "name"))
                                .get("stringData")).keySet());
            }
            standalone.get(module).keySet().stream()
                    .filter(key -> !variables.contains(ConfigurationKeys.environmentVariable(key)))
                    .forEach(key -> missing.add(module + ": " + key + " (" + ConfigurationKeys.environmentVariable(key) + ")"));
        }
        assertThat(missing).as("keys the standalone mode sets that the manifests do not").isEmpty();
    }

    /** The portal's browser sessions are held in one pod's memory, so a client must keep reaching that pod. */
    @Test
    void theTaskServiceServiceKeepsAClientOnOnePod() {
        assertThat(get(resource("Service", "task-service"), "spec", "sessionAffinity")).isEqualTo("ClientIP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableBindsAndEveryReferenceResolves() {
        ConfigurationKeys keys = ConfigurationKeys.scan();
        Set<String> configMaps = names("ConfigMap");
        Set<String> secrets = names("Secret");
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> configMap : resources.stream().filter(r -> "ConfigMap".equals(r.get("kind"))).toList()) {
            ((Map<String, Object>) configMap.get("data")).keySet().stream().filter(key -> !keys.binds(key))
                    .forEach(key -> problems.add("ConfigMap key " + key));
        }
        for (String module : ComposeConsistencyTest.SERVICES.keySet()) {
            Map<String, Object> deployment = resource("Deployment", module);
            Map<String, Object> container = container(deployment);
            env(container).keySet().stream().filter(key -> !keys.binds(key))
                    .forEach(key -> problems.add(module + " env " + key));
            for (Map<String, Object> source : (List<Map<String, Object>>) container.get("envFrom")) {
                if (source.containsKey("configMapRef")) {
                    String name = (String) ((Map<String, Object>) source.get("configMapRef")).get("name");
                    if (!configMaps.contains(name)) {
                        problems.add(module + " refers to missing ConfigMap " + name);
                    }
                } else {
                    String name = (String) ((Map<String, Object>) source.get("secretRef")).get("name");
                    if (!secrets.contains(name)) {
                        problems.add(module + " refers to missing Secret " + name);
                    }
                    Map<String, Object> secret = resource("Secret", name);
                    ((Map<String, Object>) secret.get("stringData")).keySet().stream().filter(key -> !keys.binds(key))
                            .forEach(key -> problems.add("Secret " + name + " key " + key));
                }
            }
            Map<String, Object> pod = (Map<String, Object>) get(deployment, "spec", "template", "spec");
            for (Map<String, Object> volume : (List<Map<String, Object>>) pod.getOrDefault("volumes", List.of())) {
                if (volume.get("secret") instanceof Map<?, ?> secret && !secrets.contains(secret.get("secretName"))) {
                    problems.add(module + " mounts missing Secret " + secret.get("secretName"));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Set<String> names(String kind) {
        Set<String> names = new TreeSet<>();
        resources.stream().filter(r -> kind.equals(r.get("kind"))).forEach(r -> names.add((String) get(r, "metadata", "name")));
        return names;
    }

    private static Map<String, Object> resource(String kind, String name) {
        return resources.stream().filter(r -> kind.equals(r.get("kind")) && name.equals(get(r, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("No " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> deployment) {
        return (Map<String, Object>) get(deployment, "spec", "template", "spec", "containers", 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (Map<String, Object> variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            env.put((String) variable.get("name"), String.valueOf(variable.get("value")));
        }
        return env;
    }

    /** Walks maps by key and lists by index. */
    @SuppressWarnings("unchecked")
    private static Object get(Object node, Object... path) {
        for (Object step : path) {
            node = step instanceof Integer index ? ((List<Object>) node).get(index) : ((Map<String, Object>) node).get(step);
        }
        return node;
    }
}
