package io.reviewstream.embedded;

import java.nio.file.Path;

/**
 * Where the embedded infrastructure keeps its data and which ports it binds; a port of 0 picks a free one.
 * {@code kafkaSaslSsl}: the broker also opens a SASL_SSL listener (SCRAM-SHA-512, a generated certificate), and the
 * services are given that one.
 */
public record EmbeddedInfraConfig(Path dataDir, int kafkaPort, int kafkaControllerPort, int registryPort, int s3Port,
                                  String s3AccessKey, String s3SecretKey, boolean kafkaSaslSsl) {

    public static final String DEFAULT_S3_ACCESS_KEY = "reviewstream";
    public static final String DEFAULT_S3_SECRET_KEY = "reviewstream-secret";

    /** Free ports everywhere and the default S3 keys: what tests want. */
    public static EmbeddedInfraConfig ephemeral(Path dataDir) {
        return new EmbeddedInfraConfig(dataDir, 0, 0, 0, 0, DEFAULT_S3_ACCESS_KEY, DEFAULT_S3_SECRET_KEY, false);
    }
}
