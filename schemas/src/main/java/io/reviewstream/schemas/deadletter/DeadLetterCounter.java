package io.reviewstream.schemas.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/** Counts dead letters as {@code reviewstream.dead.letters} by service, source topic and reason. */
public final class DeadLetterCounter {

    /** Streams handler config key under which the application's {@link MeterRegistry} is passed. */
    public static final String METER_REGISTRY_CONFIG = "reviewstream.dead-letter.meter-registry";

    private final MeterRegistry registry;
    private final String service;

    public DeadLetterCounter(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    static DeadLetterCounter fromConfigs(Map<String, ?> configs, String service) {
        Object registry = configs.get(METER_REGISTRY_CONFIG);
        return registry instanceof MeterRegistry meters ? new DeadLetterCounter(meters, service) : null;
    }

    public void increment(String topic, DeadLetterReason reason) {
        Counter.builder("reviewstream.dead.letters")
                .description("Records sent to the dead-letter topic")
                .tag("service", service)
                .tag("topic", topic == null ? "unknown" : topic)
                .tag("reason", reason.name())
                .register(registry)
                .increment();
    }
}
