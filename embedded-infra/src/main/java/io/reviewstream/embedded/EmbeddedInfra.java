package io.reviewstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A real Kafka broker, schema registry and S3 server on this machine: what the standalone mode runs and what every
 * integration test talks to. {@link #shared()} gives each test JVM one instance on free ports, started on first use
 * and stopped when the JVM exits.
 */
public final class EmbeddedInfra implements AutoCloseable {

    private static final String SCRAM_USER = "reviewstream";

    private static EmbeddedInfra shared;

    private final EmbeddedInfraConfig config;
    private final KafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final S3Server s3;
    /** Password of the SCRAM user the services log in as over SASL_SSL, if the broker opens that listener. */
    private final String scramPassword = UUID.randomUUID().toString();
    private final TestCertificates kafkaCertificates;

    private EmbeddedInfra(EmbeddedInfraConfig config) {
        this.config = config;
        this.broker = new KafkaBroker(config.dataDir().resolve("kafka"), config.kafkaPort(),
                config.kafkaControllerPort());
        this.kafkaCertificates = config.kafkaSaslSsl()
                ? TestCertificates.generate(config.dataDir().resolve("kafka-tls"), "kafka") : null;
        if (kafkaCertificates != null) {
            broker.withSaslSsl(kafkaCertificates);
        }
        this.registry = new SchemaRegistryServer(config.dataDir().resolve("registry"), config.registryPort());
        this.s3 = new S3Server(config.dataDir().resolve("s3"), config.s3Port(), config.s3AccessKey(),
                config.s3SecretKey());
    }

    /** Starts all three; the registry, the slowest, starts while the broker and S3 server come up. */
    public static EmbeddedInfra start(EmbeddedInfraConfig config) {
        EmbeddedInfra infra = new EmbeddedInfra(config);
        CompletableFuture<SchemaRegistryServer> registry = CompletableFuture.supplyAsync(infra.registry::start);
        try {
            infra.broker.start();
            if (config.kafkaSaslSsl()) {
                infra.broker.upsertScramUser(SCRAM_USER, infra.scramPassword);
            }
            infra.s3.start();
            registry.join();
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
        return infra;
    }

    public static synchronized EmbeddedInfra shared() {
        if (shared == null) {
            try {
                var dataDir = Files.createTempDirectory("reviewstream-test-infra-");
                EmbeddedInfra infra = start(EmbeddedInfraConfig.ephemeral(dataDir));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    infra.close();
                    deleteRecursively(dataDir);
                }, "embedded-infra-shutdown"));
                shared = infra;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    public String s3Region() {
        return S3Server.REGION;
    }

    public String s3AccessKey() {
        return s3.accessKey();
    }

    public String s3SecretKey() {
        return s3.secretKey();
    }

    public void createBucket(String name) {
        s3.createBucket(name);
    }

    /** Takes object storage away, keeping its port and data, so a test can watch a writer wait for it. */
    public void stopS3() {
        s3.close();
    }

    public void startS3() {
        s3.start();
    }

    /**
     * Stops the broker and starts it again on the same ports and log directory, as a rolling restart of a
     * single-node cluster does: clients see their connections drop, and the topics, offsets and transactions are
     * there again afterwards.
     */
    public void restartBroker() {
        broker.close();
        broker.start();
    }

    public EmbeddedInfraConfig config() {
        return config;
    }

    /**
     * The shared configuration keys of every Reviewstream service, pointing at this infrastructure: at the broker's
     * SASL_SSL listener, with the keys a managed cluster needs, when it has one.
     */
    public Map<String, String> springProperties() {
        if (kafkaCertificates == null) {
            return springProperties(bootstrapServers(), schemaRegistryUrl(), s3Endpoint(), s3AccessKey(),
                    s3SecretKey());
        }
        Map<String, String> properties = springProperties(broker.saslSslBootstrapServers(), schemaRegistryUrl(),
                s3Endpoint(), s3AccessKey(), s3SecretKey());
        properties.put("spring.kafka.security.protocol", "SASL_SSL");
        properties.put("spring.kafka.ssl.trust-store-location",
                kafkaCertificates.trustStore().toUri().toString());
        properties.put("spring.kafka.ssl.trust-store-password", kafkaCertificates.password());
        properties.put("spring.kafka.ssl.trust-store-type", "PKCS12");
        properties.put("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512");
        properties.put("spring.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.scram."
                + "ScramLoginModule required username=\"" + SCRAM_USER + "\" password=\"" + scramPassword + "\";");
        return properties;
    }

    /**
     * The same keys for infrastructure at the given addresses, so that they are known without starting it: the
     * deployments that run the services elsewhere are held to them.
     */
    public static Map<String, String> springProperties(String bootstrapServers, String schemaRegistryUrl,
                                                       String s3Endpoint, String s3AccessKey, String s3SecretKey) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("reviewstream.kafka.schema-registry-url", schemaRegistryUrl);
        properties.put("reviewstream.s3.endpoint", s3Endpoint);
        properties.put("reviewstream.s3.region", S3Server.REGION);
        properties.put("reviewstream.s3.access-key", s3AccessKey);
        properties.put("reviewstream.s3.secret-key", s3SecretKey);
        return properties;
    }

    @Override
    public void close() {
        s3.close();
        registry.close();
        broker.close();
    }

    private static void deleteRecursively(java.nio.file.Path dir) {
        try (Stream<java.nio.file.Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort on the way out; the folder is under the temp directory
        }
    }
}
