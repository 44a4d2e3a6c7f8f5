package io.reviewstream.schemas.serde;

import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.event.Envelopes;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one Avro serde per value type, all sharing one registry client, so that schema lookups are cached once
 * per application rather than once per topic or client.
 */
public final class SerdeFactory {

    private final SchemaRegistryClient registry;
    private final Envelopes envelopes;
    private final Map<Class<?>, AvroSerde<?>> valueSerdes = new ConcurrentHashMap<>();

    public SerdeFactory(SchemaRegistryClient registry, Envelopes envelopes) {
        this.registry = registry;
        this.envelopes = envelopes;
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> AvroSerde<T> avro(Class<T> type) {
        return (AvroSerde<T>) valueSerdes.computeIfAbsent(type, t -> new AvroSerde<>(registry, type, false));
    }

    public PredictionSerde prediction() {
        return new PredictionSerde(avro(Prediction.class), envelopes);
    }

    public SchemaRegistryClient registry() {
        return registry;
    }
}
