package io.reviewstream.looprouter.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;

/**
 * loop-router's one topology:
 * <pre>
 * rs.predictions ─► route ─┬─► rs.decisions
 *        (flow defs, global)└─► router-loop-candidates (keyed by loop name) ─► start-loop ─► rs.loops
 * </pre>
 * Routing is stateless per prediction and scales with the predictions' partitions; the loop-name owner sits behind
 * a re-keying so that every candidate for one name meets the same store.
 */
public final class LoopRouterTopology {

    public static final String FLOW_DEFINITIONS_STORE = "flow-definitions";
    public static final String LOOP_NAMES_STORE = "loop-names";
    public static final String CANDIDATES_TOPIC = "router-loop-candidates";

    static final String DECISIONS_SINK = "decisions-sink";
    static final String CANDIDATES_SINK = "loop-candidates-sink";

    private LoopRouterTopology() {
    }

    /** The service-internal topic that re-keys loop candidates by loop name. */
    public static Topic<String, LoopStarted> candidatesTopic(Topics topics, SerdeFactory serdes) {
        return new Topic<>(topics.name(CANDIDATES_TOPIC), Serdes.String(), serdes.avro(LoopStarted.class), false);
    }

    public static Topology build(Topics topics, SerdeFactory serdes, Envelopes envelopes, Arns arns, Clock clock,
                                 MeterRegistry meters) {
        Topic<String, LoopStarted> candidates = candidatesTopic(topics, serdes);
        Topology topology = new Topology();

        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FLOW_DEFINITIONS_STORE),
                        topics.flowDefinitions.keySerde(), topics.flowDefinitions.valueSerde()).withLoggingDisabled(),
                "flow-definitions-source",
                topics.flowDefinitions.keySerde().deserializer(), topics.flowDefinitions.valueSerde().deserializer(),
                topics.flowDefinitions.name(),
                "flow-definitions-loader",
                FlowDefinitionLoader::new);

        topology.addSource("predictions-source", topics.predictions.keySerde().deserializer(),
                topics.predictions.valueSerde().deserializer(), topics.predictions.name());
        topology.addProcessor("route", () -> new RouteProcessor(envelopes, arns, clock, meters), "predictions-source");
        topology.addSink(DECISIONS_SINK, topics.decisions.name(), topics.decisions.keySerde().serializer(),
                topics.decisions.valueSerde().serializer(), "route");
        topology.addSink(CANDIDATES_SINK, candidates.name(), candidates.keySerde().serializer(),
                candidates.valueSerde().serializer(), "route");

        topology.addSource("loop-candidates-source", candidates.keySerde().deserializer(),
                candidates.valueSerde().deserializer(), candidates.name());
        topology.addProcessor("start-loop", () -> new StartLoopProcessor(meters), "loop-candidates-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOOP_NAMES_STORE),
                Serdes.String(), Serdes.String()), "start-loop");
        topology.addSink("loops-sink", topics.loops.name(), topics.loops.keySerde().serializer(),
                topics.loops.valueSerde().serializer(), "start-loop");
        return topology;
    }
}
