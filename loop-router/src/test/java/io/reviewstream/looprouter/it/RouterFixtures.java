package io.reviewstream.looprouter.it;

import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.OutputConfig;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;

/** What the router's integration tests send: a flow that asks for a person below 0.8 confidence. */
final class RouterFixtures {

    private RouterFixtures() {
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
