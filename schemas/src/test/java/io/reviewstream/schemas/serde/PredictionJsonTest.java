package io.reviewstream.schemas.serde;

import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.event.Envelopes;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON form of rs.predictions: what a producer without a registry may send, and the errors it gets. */
class PredictionJsonTest {

    // The registry is never called on the JSON path; an unroutable URL proves it.
    private final PredictionSerde serde = new PredictionSerde(
            new AvroSerde<>(new SchemaRegistryClient("http://127.0.0.1:9/unused"), Prediction.class, false),
            new Envelopes(Clock.systemUTC()));

    @Test
    void readsTheDocumentedJsonForm() {
        Prediction p = read("""
                {"predictionId":"p-1","flowDefinitionName":"demo-flow","humanLoopName":"loop-1",
                 "inputContent":{"label":"cat","confidence":0.42},"contentClassifiers":["FreeOfAdultContent"],
                 "model":"resnet-v2"}""");
        assertThat(p.getPredictionId()).isEqualTo("p-1");
        assertThat(p.getFlowDefinitionName()).isEqualTo("demo-flow");
        assertThat(p.getHumanLoopName()).isEqualTo("loop-1");
        assertThat(p.getInputContent()).isEqualTo("{\"label\":\"cat\",\"confidence\":0.42}");
        assertThat(p.getContentClassifiers()).containsExactly("FreeOfAdultContent");
        assertThat(p.getModel()).isEqualTo("resnet-v2");
        assertThat(p.getEnvelope().getCorrelationId()).isEqualTo("p-1");
    }

    @Test
    void takesTheFlowNameFromAnArnAndInputFromAJsonString() {
        Prediction p = read("""
                {"flowDefinitionArn":"arn:aws:sagemaker:us-east-1:111122223333:flow-definition/claims",
                 "inputContent":"{\\"score\\":1}"}""");
        assertThat(p.getFlowDefinitionName()).isEqualTo("claims");
        assertThat(p.getInputContent()).isEqualTo("{\"score\":1}");
        assertThat(p.getHumanLoopName()).isNull();
    }

    @Test
    void derivesTheSameIdAndEventIdFromTheSameBytesSoThatAReplayIsRecognised() {
        String json = "{\"flowDefinitionName\":\"f\",\"inputContent\":{\"a\":1}}";
        Prediction first = read(json);
        Prediction again = read(json);
        assertThat(first.getPredictionId()).startsWith("sha256-").isEqualTo(again.getPredictionId());
        assertThat(first.getEnvelope().getEventId()).isEqualTo(again.getEnvelope().getEventId());
        assertThat(read("{\"flowDefinitionName\":\"f\",\"inputContent\":{\"a\":2}}").getPredictionId())
                .isNotEqualTo(first.getPredictionId());
    }

    @Test
    void explainsWhatIsWrong() {
        assertRejected("not json", "neither Confluent-framed Avro nor valid JSON");
        assertRejected("[1,2]", "must be an object");
        assertRejected("{\"inputContent\":{}}", "needs flowDefinitionName");
        assertRejected("{\"flowDefinitionArn\":\"nope\",\"inputContent\":{}}", "needs flowDefinitionName");
        assertRejected("{\"flowDefinitionName\":\"f\"}", "needs inputContent");
        assertRejected("{\"flowDefinitionName\":\"f\",\"inputContent\":42}", "must be a JSON object");
        assertRejected("{\"flowDefinitionName\":\"f\",\"inputContent\":\"[1]\"}", "must hold a JSON object");
        assertRejected("{\"flowDefinitionName\":\"f\",\"inputContent\":\"{oops\"}", "is not JSON");
        assertRejected("{\"flowDefinitionName\":7,\"inputContent\":{}}", "flowDefinitionName must be a string");
        assertRejected("{\"flowDefinitionName\":\"f\",\"inputContent\":{},\"contentClassifiers\":\"x\"}",
                "contentClassifiers must be an array");
    }

    private Prediction read(String json) {
        return serde.deserialize("rs.predictions", json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRejected(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(SerializationException.class).hasMessageContaining(message);
    }
}
