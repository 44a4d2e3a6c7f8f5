package io.reviewstream.bench;

import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.AvroSerde;
import io.reviewstream.schemas.serde.PredictionSerde;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Reading a JSON prediction as the router does, the largest part of its per-record work: the record of the
 * throughput benchmark, and, for scale, Jackson's tree of the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PredictionParsingBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PredictionSerde serde;
    private byte[] record;

    @Setup
    public void setUp() {
        // The registry is never called for JSON records.
        serde = new PredictionSerde(new AvroSerde<>(new SchemaRegistryClient("http://127.0.0.1:9/unused"),
                Prediction.class, false), new Envelopes(Clock.systemUTC()));
        record = RouterThroughput.predictionJson("p-7", "classifier", 0.73, 7).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Object parsePrediction() {
        return serde.parse("rs.predictions", record).input();
    }

    @Benchmark
    public Object jacksonTreeOfTheRecord() {
        return JSON.readTree(record);
    }
}
