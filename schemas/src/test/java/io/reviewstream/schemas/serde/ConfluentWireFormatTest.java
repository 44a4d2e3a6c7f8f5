package io.reviewstream.schemas.serde;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.avro.DecisionOutcome;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.event.Envelopes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a consumer outside Reviewstream sees: a record our serde writes must be decodable knowing nothing but the
 * Confluent wire format and the registry's Confluent-compatible REST API, exactly as Python's confluent-kafka
 * AvroDeserializer or kcat decode it.
 */
class ConfluentWireFormatTest {

    private final EmbeddedInfra infra = EmbeddedInfra.shared();
    private final SerdeFactory serdes = new SerdeFactory(new SchemaRegistryClient(infra.schemaRegistryUrl()),
            new Envelopes(Clock.systemUTC()));

    @Test
    void aRecordWeWriteDecodesThroughTheConfluentRestApiAlone() throws Exception {
        Decision decision = Decision.newBuilder()
                .setEnvelope(new Envelopes(Clock.systemUTC()).next("corr-1"))
                .setPredictionId("p-42")
                .setFlowDefinitionName("demo-flow")
                .setFlowDefinitionVersion(3)
                .setSource(LoopSource.PREDICTION_TOPIC)
                .setOutcome(DecisionOutcome.AUTO_ACCEPTED)
                .setActivationReasons(List.of())
                .build();

        byte[] bytes = serdes.avro(Decision.class).serialize("wire-test.decisions", decision);

        assertThat(bytes[0]).as("magic byte").isZero();
        int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(infra.schemaRegistryUrl() + "/schemas/ids/" + schemaId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JsonMapper.builder().build().readTree(response.body());
        Schema writerSchema = new Schema.Parser().parse(body.get("schema").asString());

        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writerSchema)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(decoded.get("predictionId").toString()).isEqualTo("p-42");
        assertThat(decoded.get("flowDefinitionVersion")).isEqualTo(3);
        assertThat(decoded.get("outcome").toString()).isEqualTo("AUTO_ACCEPTED");

        HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(infra.schemaRegistryUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.body()).contains("wire-test.decisions-value");
    }

    @Test
    void readsBackWhatItWroteAndAcceptsJsonOnThePredictionsTopic() {
        PredictionSerde predictions = serdes.prediction();
        Prediction fromJson = predictions.deserialize("wire-test.predictions",
                "{\"predictionId\":\"p-7\",\"flowDefinitionName\":\"f\",\"inputContent\":{\"confidence\":0.5}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        byte[] avro = predictions.serialize("wire-test.predictions", fromJson);
        Prediction roundTripped = predictions.deserialize("wire-test.predictions", avro);

        assertThat(roundTripped).isEqualTo(fromJson);
        assertThat(avro[0]).isZero();
    }

    @Test
    void theRegistryRefusesABackwardIncompatibleChangeOfASubject() {
        SchemaRegistryClient registry = serdes.registry();
        Schema v1 = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema incompatible = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                        + "{\"name\":\"b\",\"type\":\"int\"}]}");
        registry.register("wire-test.compat-value", v1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.register("wire-test.compat-value", incompatible))
                .hasMessageContaining("409");
    }
}
