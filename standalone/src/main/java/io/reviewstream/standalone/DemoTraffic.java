package io.reviewstream.standalone;

import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;

/** Predictions for the demo's flows, sent the way the model serving side of a deployment sends them. */
public final class DemoTraffic {

    private DemoTraffic() {
    }

    public static KafkaProducer<String, String> predictionProducer(String bootstrapServers) {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    /** A low-confidence prediction, so that the flow's condition sends it to a human; the loop is named after it. */
    public static ProducerRecord<String, String> prediction(Topics topics, String loopName) {
        return prediction(topics, loopName, Demo.FLOW);
    }

    public static ProducerRecord<String, String> prediction(Topics topics, String loopName, String flow) {
        return new ProducerRecord<>(topics.predictions.name(), loopName, """
                {"predictionId":"%s","flowDefinitionName":"%s","inputContent":{"label":"cat","confidence":0.3}}"""
                .formatted(loopName, flow));
    }
}
