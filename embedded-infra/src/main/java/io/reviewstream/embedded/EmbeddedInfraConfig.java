package io.reviewstream.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the embedded infrastructure keeps its data and which ports it binds. A port of 0 means
 * "any free port"; the standalone mode uses fixed ports so that clients find it at the
 * documented addresses, tests use 0 so that parallel test JVMs never collide.
 *
 * @param dataDir        folder holding the broker's log, the registry's database and the S3 objects;
 *                       reusing it resumes where the previous run stopped
 * @param host           interface every part binds to and advertises
 * @param kafkaPort      the broker's client listener
 * @param controllerPort the KRaft controller listener
 * @param registryPort   the schema registry's HTTP port
 * @param s3Port         the S3 endpoint's port
 * @param s3AccessKey    access key the S3 endpoint accepts (AWS signature V2 or V4)
 * @param s3SecretKey    secret key of that access key
 */
public record EmbeddedInfraConfig(Path dataDir, String host, int kafkaPort, int controllerPort, int registryPort,
                                  int s3Port, String s3AccessKey, String s3SecretKey) {

    public static final String DEFAULT_ACCESS_KEY = "reviewstream";
    public static final String DEFAULT_SECRET_KEY = "reviewstream-secret";

    public EmbeddedInfraConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(s3AccessKey, "s3AccessKey");
        Objects.requireNonNull(s3SecretKey, "s3SecretKey");
        for (int port : new int[] {kafkaPort, controllerPort, registryPort, s3Port}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** Free ports chosen at start, loopback only, default S3 credentials. */
    public static EmbeddedInfraConfig ephemeral(Path dataDir) {
        return new EmbeddedInfraConfig(dataDir, "127.0.0.1", 0, 0, 0, 0, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
    }

    public EmbeddedInfraConfig withPorts(int kafka, int controller, int registry, int s3) {
        return new EmbeddedInfraConfig(dataDir, host, kafka, controller, registry, s3, s3AccessKey, s3SecretKey);
    }

    public EmbeddedInfraConfig withS3Credentials(String accessKey, String secretKey) {
        return new EmbeddedInfraConfig(dataDir, host, kafkaPort, controllerPort, registryPort, s3Port, accessKey,
                secretKey);
    }
}
