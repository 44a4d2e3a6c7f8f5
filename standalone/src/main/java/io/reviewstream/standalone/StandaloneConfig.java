package io.reviewstream.standalone;

import io.reviewstream.embedded.EmbeddedInfraConfig;

import java.nio.file.Path;

/**
 * Where the standalone mode keeps its data and which ports it binds. {@link #defaults} are the documented fixed
 * ports; tests use {@link #ephemeral} so that they never clash with a running standalone.
 */
public record StandaloneConfig(Path dataDir, int kafkaPort, int registryPort, int s3Port, int flowServicePort,
                               int taskServicePort, int loopRouterPort, int resultWriterPort, boolean kafkaSaslSsl) {

    public static StandaloneConfig defaults(Path dataDir) {
        return new StandaloneConfig(dataDir, 9092, 8081, 9000, 8080, 8090, 8070, 8060, false);
    }

    public static StandaloneConfig ephemeral(Path dataDir) {
        return new StandaloneConfig(dataDir, 0, 0, 0, 0, 0, 0, 0, false);
    }

    /** The services reach the broker over SASL_SSL with SCRAM-SHA-512, as they would a managed cluster. */
    public StandaloneConfig withKafkaSaslSsl() {
        return new StandaloneConfig(dataDir, kafkaPort, registryPort, s3Port, flowServicePort, taskServicePort,
                loopRouterPort, resultWriterPort, true);
    }

    /** The workers task-service signs in, written on the first start. */
    public Path usersFile() {
        return dataDir.resolve("users.txt");
    }

    EmbeddedInfraConfig infra() {
        return new EmbeddedInfraConfig(dataDir, kafkaPort, 0, registryPort, s3Port,
                EmbeddedInfraConfig.DEFAULT_S3_ACCESS_KEY, EmbeddedInfraConfig.DEFAULT_S3_SECRET_KEY, kafkaSaslSsl);
    }
}
