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

    private Services(Standalone infra, Map<String, ServiceProcess> processes) {
        this.infra = infra;
        this.processes.putAll(processes);
    }

    /**
     * The infrastructure (its users file must already be in {@code dataDir}), flow-service, the demo's team and flow
     * and one more team with its own flow, then the other three services, all healthy.
     */
    public static Services start(Path dataDir, Function<String, String> heapOf, String otherTeam, String otherGroup,
                                 String otherFlow) throws InterruptedException {
        // each service is told its port before it binds it, and flow-service also task-service's
        Standalone infra = Standalone.startInfraOnly(new StandaloneConfig(dataDir, 0, 0, 0, FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), false));
        Map<String, ServiceProcess> processes = new LinkedHashMap<>();
        for (String module : ServiceSettings.SERVICES) {
            processes.put(module, new ServiceProcess(module, infra.settings().get(module),
                    List.of("-Xmx" + heapOf.apply(module)), dataDir.resolve("logs")));
        }
        Services services = new Services(infra, processes);
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
