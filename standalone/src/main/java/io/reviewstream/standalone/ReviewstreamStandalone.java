package io.reviewstream.standalone;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar reviewstream-standalone.jar [--data-dir DIR] [--infra-only]}: starts Reviewstream on this machine,
 * or with {@code --infra-only} only its infrastructure, for the four services run as processes of their own.
 */
public final class ReviewstreamStandalone {

    private ReviewstreamStandalone() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of("data");
        boolean infraOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--infra-only")) {
                infraOnly = true;
            } else if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else if (args[i].startsWith("--data-dir=")) {
                dataDir = Path.of(args[i].substring("--data-dir=".length()));
            } else {
                System.err.println("Usage: java -jar reviewstream-standalone.jar [--data-dir DIR] [--infra-only]");
                System.exit(2);
            }
        }
        StandaloneConfig config = StandaloneConfig.defaults(dataDir);
        Standalone standalone = infraOnly ? Standalone.startInfraOnly(config) : Standalone.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Reviewstream…");
            standalone.close();
            stopped.countDown();
        }, "standalone-shutdown"));
        System.out.println(infraOnly ? infraBanner(standalone, dataDir) : banner(standalone, dataDir));
        stopped.await();
    }

    static String banner(Standalone standalone, Path dataDir) {
        var infra = standalone.infra();
        return """

                Reviewstream is running. Data: %s (a restart resumes from it). Stop with Ctrl-C.

                  Kafka bootstrap          %s
                  Schema registry          %s
                  S3 object storage        %s   access key %s / secret %s
                  flow-service (A2I API)   %s   access key %s / secret %s, region us-east-1
                  Worker portal + API      %s   worker %s / password %s
                  Operator's console       %s/console/   operator %s / password %s, viewer %s / password %s
                  loop-router, result-writer %s, %s (actuator)

                  Demo: flow definition '%s' reviews predictions with confidence < 0.8, team '%s',
                  outputs under %s. Try:
                    echo '{"flowDefinitionName":"%s","inputContent":{"label":"cat","confidence":0.42}}' \\
                      | kcat -P -b localhost:9092 -t rs.predictions
                """.formatted(dataDir.toAbsolutePath(), infra.bootstrapServers(), infra.schemaRegistryUrl(),
                infra.s3Endpoint(), infra.s3AccessKey(), infra.s3SecretKey(),
                standalone.url("flow-service"), Demo.ACCESS_KEY_ID, Demo.SECRET_ACCESS_KEY,
                standalone.url("task-service"), Demo.WORKER, Demo.WORKER_PASSWORD,
                standalone.url("flow-service"), Demo.OPERATOR, Demo.OPERATOR_PASSWORD, Demo.VIEWER,
                Demo.VIEWER_PASSWORD,
                standalone.url("loop-router"), standalone.url("result-writer"),
                Demo.FLOW, Demo.WORKTEAM, Demo.OUTPUT_PATH, Demo.FLOW);
    }

    /** The addresses, and for each service the command line that runs it as a process of its own against them. */
    static String infraBanner(Standalone standalone, Path dataDir) {
        var infra = standalone.infra();
        StringBuilder banner = new StringBuilder("""

                Reviewstream's infrastructure is running, without services. Data: %s. Stop with Ctrl-C.

                  Kafka bootstrap          %s
                  Schema registry          %s
                  S3 object storage        %s   access key %s / secret %s

                Start each service from its own jar (./mvnw package builds them), with these settings:
                """.formatted(dataDir.toAbsolutePath(), infra.bootstrapServers(), infra.schemaRegistryUrl(),
                infra.s3Endpoint(), infra.s3AccessKey(), infra.s3SecretKey()));
        for (String service : ServiceSettings.SERVICES) {
            banner.append("\n  java -jar ").append(service).append("/target/").append(service).append("-*-exec.jar");
            standalone.settings().get(service).forEach((key, value) ->
                    banner.append(" \\\n      ").append(shellWord("--" + key + "=" + value)));
            banner.append('\n');
        }
        return banner.append("""

                No demo is seeded: create a work team (OIDC group '%s'), a task UI and a flow definition through
                flow-service's API. Workers sign in to task-service as %s / %s; the console on flow-service
                (/console/) signs in %s / %s (operator) and %s / %s (viewer).
                """.formatted(Demo.GROUP, Demo.WORKER, Demo.WORKER_PASSWORD, Demo.OPERATOR, Demo.OPERATOR_PASSWORD,
                Demo.VIEWER, Demo.VIEWER_PASSWORD)).toString();
    }

    /** Quoted where a shell would read it otherwise, e.g. the glob in {@code credentials[0]}. */
    static String shellWord(String word) {
        return word.matches("[\\w@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
