package io.reviewstream.looprouter.it;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the router's integration tests send: a flow that asks for a person below 0.8 confidence. */
final class RouterFixtures {

    private RouterFixtures() {
    }

    /** The router's settings for a test of its own: the shared infrastructure, its own topics, group and state. */
    static void infrastructure(DynamicPropertyRegistry registry, String name) throws IOException {
        EmbeddedInfra.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("reviewstream.kafka.topic-prefix", () -> name + ".");
        registry.add("reviewstream.kafka.partitions", () -> "2");
        registry.add("reviewstream.router.application-id", () -> "router-" + name);
        String stateDir = Files.createTempDirectory("router-" + name).toString();
        registry.add("reviewstream.router.state-dir", () -> stateDir);
    }

    static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfra.shared().bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    /** A read_committed reader of the whole topic, in a group of its own. */
    static <K, V> KafkaConsumer<K, V> committedReader(Topic<K, V> topic) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "router-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }

    static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(),
                value)));
    }

    static FlowDefinition flow(Envelopes envelopes, Arns arns, String name, String taskUi) {
        return FlowDefinition.newBuilder()
                .setEnvelope(envelopes.next("it"))
                .setName(name).setArn(arns.flowDefinition(name)).setVersion(1)
                .setStatus(FlowDefinitionStatus.ACTIVE).setCreationTime(Instant.now())
                .setActivationConditions("{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\","
                        + "\"ConditionParameters\":{\"Path\":\"$.confidence\",\"ConfidenceLessThan\":0.8}}]}")
                .setHumanLoopConfig(HumanLoopConfig.newBuilder()
                        .setWorkteamArn(arns.workteam("demo-team"))
                        .setHumanTaskUiArn(arns.humanTaskUi(taskUi))
                        .setTaskTitle("Classify").setTaskDescription("Pick a label").setTaskCount(1).build())
                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath("s3://reviewstream-output/demo").build())
                .setRoleArn("arn:aws:iam::111122223333:role/reviewstream")
                .build();
    }
}
