package io.reviewstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure every Reviewstream service needs, all real and all on this machine: a KRaft
 * Kafka broker (in this JVM), an Apicurio schema registry (a child JVM) and an S3-compatible
 * endpoint (S3Proxy, in this JVM).
 *
 * <p>Tests share one instance per JVM through {@link #shared()}; the standalone mode starts its
 * own with fixed ports and a data folder through {@link #start(EmbeddedInfraConfig)}.
 */
public final class EmbeddedInfra implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfra.class);

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final S3Server s3;

    private EmbeddedInfra(KafkaBroker kafka, SchemaRegistryServer registry, S3Server s3) {
        this.kafka = kafka;
        this.registry = registry;
        this.s3 = s3;
    }

    /** The instance of this JVM: started on first use on free ports and a temporary folder, stopped at JVM exit. */
    public static EmbeddedInfra shared() {
        return Shared.INSTANCE;
    }

    /**
     * Starts the three parts in parallel (the registry takes the longest) with their data under
     * {@code config.dataDir()}: {@code kafka/}, {@code registry/} and {@code s3/}.
     */
    public static EmbeddedInfra start(EmbeddedInfraConfig config) {
        Path data = config.dataDir();
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "reviewstream-cache");
        CompletableFuture<SchemaRegistryServer> registry = async("schema-registry",
                () -> SchemaRegistryServer.start(config.host(), config.registryPort(), data.resolve("registry"), cache));
        CompletableFuture<S3Server> s3 = async("s3", () -> S3Server.start(config.host(), config.s3Port(),
                data.resolve("s3"), config.s3AccessKey(), config.s3SecretKey()));
        CompletableFuture<KafkaBroker> kafka = async("kafka",
                () -> KafkaBroker.start(config.host(), config.kafkaPort(), config.controllerPort(), data.resolve("kafka")));
        try {
            CompletableFuture.allOf(registry, s3, kafka).join();
        } catch (CompletionException e) {
            Stream.of(registry, s3, kafka).forEach(part -> part.thenAccept(EmbeddedInfra::closeQuietly));
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return new EmbeddedInfra(kafka.join(), registry.join(), s3.join());
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Base URL of the registry's Confluent-compatible API ({@code …/apis/ccompat/v7}). */
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

    /** Takes the S3 endpoint down, keeping its port and objects, to test how clients live through an outage. */
    public void stopS3() {
        s3.stop();
    }

    /** Brings the S3 endpoint back after {@link #stopS3()}. */
    public void startS3() {
        s3.start();
    }

    /** The shared Reviewstream property keys pointing at this infrastructure. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
        properties.put("reviewstream.kafka.schema-registry-url", schemaRegistryUrl());
        properties.put("reviewstream.s3.endpoint", s3Endpoint());
        properties.put("reviewstream.s3.region", s3Region());
        properties.put("reviewstream.s3.access-key", s3AccessKey());
        properties.put("reviewstream.s3.secret-key", s3SecretKey());
        return properties;
    }

    /** Stops S3 and the registry, then the broker last, so that nothing talks to a stopped broker. */
    @Override
    public void close() {
        closeQuietly(s3);
        closeQuietly(registry);
        closeQuietly(kafka);
    }

    private static <T> CompletableFuture<T> async(String name, Supplier<T> start) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(start.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "start-" + name);
        thread.start();
        return future;
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed", part.getClass().getSimpleName(), e);
        }
    }

    /** Holder idiom: the JVM initialises this class once, on the first call of {@link #shared()}. */
    private static final class Shared {
        private static final EmbeddedInfra INSTANCE = startShared();

        private static EmbeddedInfra startShared() {
            Path data;
            try {
                data = Files.createTempDirectory("reviewstream-infra-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedInfra infra = start(EmbeddedInfraConfig.ephemeral(data));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                infra.close();
                Folders.deleteQuietly(data);
            }, "embedded-infra-stop"));
            return infra;
        }
    }
}
