package io.reviewstream.standalone;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar reviewstream-standalone.jar [--data-dir DIR]}: starts Reviewstream on this machine. */
public final class ReviewstreamStandalone {

    private ReviewstreamStandalone() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of("data");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else if (args[i].startsWith("--data-dir=")) {
                dataDir = Path.of(args[i].substring("--data-dir=".length()));
            } else {
                System.err.println("Usage: java -jar reviewstream-standalone.jar [--data-dir DIR]");
                System.exit(2);
            }
        }
        Standalone standalone = Standalone.start(StandaloneConfig.defaults(dataDir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Reviewstream…");
            standalone.close();
            stopped.countDown();
        }, "standalone-shutdown"));
        System.out.println(banner(standalone, dataDir));
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
                  loop-router, result-writer %s, %s (actuator)

                  Demo: flow definition '%s' reviews predictions with confidence < 0.8, team '%s',
                  outputs under %s. Try:
                    echo '{"flowDefinitionName":"%s","inputContent":{"label":"cat","confidence":0.42}}' \\
                      | kcat -P -b localhost:9092 -t rs.predictions
                """.formatted(dataDir.toAbsolutePath(), infra.bootstrapServers(), infra.schemaRegistryUrl(),
                infra.s3Endpoint(), infra.s3AccessKey(), infra.s3SecretKey(),
                standalone.url("flow-service"), Demo.ACCESS_KEY_ID, Demo.SECRET_ACCESS_KEY,
                standalone.url("task-service"), Demo.WORKER, Demo.WORKER_PASSWORD,
                standalone.url("loop-router"), standalone.url("result-writer"),
                Demo.FLOW, Demo.WORKTEAM, Demo.OUTPUT_PATH, Demo.FLOW);
    }
}
