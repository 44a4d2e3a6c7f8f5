package io.reviewstream.flowservice;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A flow-service under test on the shared embedded infrastructure, with one credential, and the official SDK's
 * clients of it configured as its users would: nothing but an endpoint, a region and static credentials.
 */
public final class TestFlowService {

    private TestFlowService() {
    }

    /** @param topicPrefix of this test class's own, so that its topics are not another class's */
    public static void register(DynamicPropertyRegistry registry, String topicPrefix, String accessKey,
                                String secretKey) {
        EmbeddedInfra.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("reviewstream.kafka.topic-prefix", () -> topicPrefix);
        registry.add("reviewstream.auth.credentials[0].access-key-id", () -> accessKey);
        registry.add("reviewstream.auth.credentials[0].secret-access-key", () -> secretKey);
        registry.add("reviewstream.flow.state-dir", () -> stateDir(topicPrefix).toString());
    }

    /** A state folder of the test's own, in the build's output rather than the machine's temporary folder. */
    public static Path stateDir(String name) {
        return Path.of("target", "state", name).toAbsolutePath();
    }

    /** The builder, for a SageMaker or A2I runtime client, aimed at the service on the port. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B client(
            B builder, int port, String accessKey, String secretKey) {
        return builder.endpointOverride(URI.create("http://localhost:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create());
    }

    /** Writes one record as the service that owns the topic would, and waits for the broker to take it. */
    public static <V> void write(Topic<String, V> topic, String key, V value)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }
}
