package io.reviewstream.bench.system;

import io.reviewstream.embedded.FreePorts;
import io.reviewstream.standalone.DemoFlow;
import io.reviewstream.standalone.ServiceProcess;
import io.reviewstream.standalone.ServiceSettings;
import io.reviewstream.standalone.Standalone;
import io.reviewstream.standalone.StandaloneConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The standalone mode's infrastructure in this JVM and the four services as processes of their own, started from
 * their executable jars with the heap the run gives each: the deployment the figures describe, minus the
 * network between machines.
 */
public final class Services implements AutoCloseable {

    private final Standalone infra;
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<String, String> taskServiceSettings;
    private final List<String> taskServiceJvm;
    private final Path logDir;

    private Services(Standalone infra, Map<String, ServiceProcess> processes, Map<String, String> taskServiceSettings,
                     List<String> taskServiceJvm, Path logDir) {
        this.infra = infra;
        this.processes.putAll(processes);
        this.taskServiceSettings = taskServiceSettings;
        this.taskServiceJvm = taskServiceJvm;
        this.logDir = logDir;
    }

    /**
     * The infrastructure (its users file must already be in {@code dataDir}), flow-service, the demo's team and flow
     * and one more team with its own flow, then the other three services, all healthy. Each service gets the
     * settings {@code settingsOf} gives it on top of the standalone mode's.
     */
    public static Services start(Path dataDir, Function<String, String> heapOf,
                                 Function<String, Map<String, String>> settingsOf, String otherTeam,
                                 String otherGroup, String otherFlow) throws InterruptedException {
        // each service is told its port before it binds it, and flow-service also task-service's
        Standalone infra = Standalone.startInfraOnly(new StandaloneConfig(dataDir, 0, 0, 0, FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), false));
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String module : ServiceSettings.SERVICES) {
            Map<String, String> own = new LinkedHashMap<>(infra.settings().get(module));
            own.putAll(settingsOf.apply(module));
            settings.put(module, own);
        }
        Path logDir = dataDir.resolve("logs");
        Map<String, ServiceProcess> processes = new LinkedHashMap<>();
        for (String module : ServiceSettings.SERVICES) {
            processes.put(module, new ServiceProcess(module, settings.get(module),
                    List.of("-Xmx" + heapOf.apply(module)), logDir));
        }
        Services services = new Services(infra, processes, settings.get("task-service"),
                List.of("-Xmx" + heapOf.apply("task-service")), logDir);
        try {
            // loop-router reads the flow definitions once, when it starts
            services.service("flow-service").start();
            services.service("flow-service").awaitHealthy();
            URI flowService = URI.create(services.service("flow-service").url());
            DemoFlow.create(flowService);
            DemoFlow.createTeamFlow(flowService, otherTeam, otherGroup, otherFlow);
            for (String module : List.of("loop-router", "task-service", "result-writer")) {
                services.service(module).start();
            }
            for (String module : List.of("loop-router", "task-service", "result-writer")) {
                services.service(module).awaitHealthy();
            }
            return services;
        } catch (RuntimeException | InterruptedException | Error e) {
            services.close();
            throw e;
        }
    }

    /**
     * Starts one more instance of task-service, the {@code n}th, with its own port, state directory and group
     * instance id, and waits until it is healthy: the group then spreads the queue partitions over the instances.
     */
    public ServiceProcess startTaskServiceInstance(int n) throws InterruptedException {
        Map<String, String> settings = ServiceSettings.taskServiceInstance(taskServiceSettings, n, FreePorts.next());
        ServiceProcess instance = new ServiceProcess("task-service", settings, taskServiceJvm,
                logDir.resolve("task-service-" + n));
        processes.put("task-service-" + n, instance);
        instance.start();
        instance.awaitHealthy();
        return instance;
    }

    public Standalone infra() {
        return infra;
    }

    public ServiceProcess service(String module) {
        return processes.get(module);
    }

    public List<String> modules() {
        return List.copyOf(processes.keySet());
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess process : processes.values()) {
            process.close();
        }
        infra.close();
    }
}
