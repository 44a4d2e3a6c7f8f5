package io.reviewstream.looprouter.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.looprouter.domain.DecisionDetail;
import io.reviewstream.schemas.arn.Arns;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.PredictionSerde;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.streams.EarlyCommits;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;

/**
 * loop-router's one topology:
 * <pre>
 * rs.flow-definitions ─► global store (every instance holds every flow's current version)
 * rs.task-uis         ─► global store (which task UIs exist: a flow whose UI was deleted starts no loops)
 *
 * rs.predictions ─► route ─┬─► rs.decisions
 *                          └─► router-loop-candidates (re-keyed by loop name) ─► start-loop ─┐
 * rs.loop-requests (by loop name) ─► start-request ─► rs.decisions, rs.loop-replies ─────────┼─► rs.loops
 * rs.loop-commands (by loop name) ─► loop-command (DELETE frees the name)                    │
 *                                    loop-names store, shared by the three ◄─────────────────┘
 * </pre>
 * The processors that write a prediction's way to its loop, or a StartHumanLoop reply, commit early while the input
 * is light ({@link EarlyCommits}): each of the two hops to rs.loops would otherwise wait out the commit interval.
 * Routing is stateless per prediction and scales with the predictions' partitions. Every path that claims or frees
 * a loop name reads topics keyed by that name with the same partition count, so one task owns each name.
 */
public final class LoopRouterTopology {

    public static final String FLOW_DEFINITIONS_STORE = "flow-definitions";
    public static final String TASK_UIS_STORE = "task-uis";
    public static final String LOOP_NAMES_STORE = "loop-names";
    public static final String CANDIDATES_TOPIC = "router-loop-candidates";

    static final String DECISIONS_SINK = "decisions-sink";
    static final String CANDIDATES_SINK = "loop-candidates-sink";
    static final String LOOPS_SINK = "loops-sink";
    static final String REPLIES_SINK = "loop-replies-sink";

    private LoopRouterTopology() {
    }

    /** A global store of a control-plane topic's records, as bytes, by resource name. */
    private static void addResourceStore(Topology topology, Topic<String, ?> topic, String store) {
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), topic.keySerde(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                store + "-source",
                topic.keySerde().deserializer(), Serdes.ByteArray().deserializer(),
                topic.name(),
                store + "-loader",
                () -> new ResourceLoader(store));
    }

    /** The service-internal topic that re-keys loop candidates by loop name. */
    public static Topic<String, LoopStarted> candidatesTopic(Topics topics, SerdeFactory serdes) {
        return new Topic<>(topics.name(CANDIDATES_TOPIC), Serdes.String(), serdes.avro(LoopStarted.class), false);
    }

    public static Topology build(Topics topics, SerdeFactory serdes, Envelopes envelopes, Arns arns, Clock clock,
                                 MeterRegistry meters, DecisionDetail decisionDetail, EarlyCommits earlyCommits) {
        Topic<String, LoopStarted> candidates = candidatesTopic(topics, serdes);
        RouterMetrics metrics = new RouterMetrics(meters);
        RoutingServices services = new RoutingServices(envelopes, arns, clock, metrics,
                topics.flowDefinitions.valueSerde().deserializer(), decisionDetail);
        PredictionSerde predictions = serdes.prediction();
        Topology topology = new Topology();

        addResourceStore(topology, topics.flowDefinitions, FLOW_DEFINITIONS_STORE);
        addResourceStore(topology, topics.taskUis, TASK_UIS_STORE);

        // the router keeps the input a JSON prediction was parsed into, to evaluate conditions on it
        Deserializer<PredictionSerde.Parsed> parsedPredictions = predictions::parse;
        topology.addSource("predictions-source", topics.predictions.keySerde().deserializer(),
                parsedPredictions, topics.predictions.name());
        topology.addProcessor("route", earlyCommits.wrap(() -> new RouteProcessor(services)),
                "predictions-source");
        topology.addSink(CANDIDATES_SINK, candidates.name(), candidates.keySerde().serializer(),
                candidates.valueSerde().serializer(), "route");

        topology.addSource("loop-candidates-source", candidates.keySerde().deserializer(),
                candidates.valueSerde().deserializer(), candidates.name());
        topology.addProcessor("start-loop", earlyCommits.wrap(() -> new StartLoopProcessor(metrics)),
                "loop-candidates-source");

        topology.addSource("loop-requests-source", topics.loopRequests.keySerde().deserializer(),
                topics.loopRequests.valueSerde().deserializer(), topics.loopRequests.name());
        topology.addProcessor("start-request", earlyCommits.wrap(() -> new StartRequestProcessor(services)),
                "loop-requests-source");

        topology.addSource("loop-commands-source", topics.loopCommands.keySerde().deserializer(),
                topics.loopCommands.valueSerde().deserializer(), topics.loopCommands.name());
        topology.addProcessor("loop-command", LoopCommandProcessor::new, "loop-commands-source");

        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOOP_NAMES_STORE),
                Serdes.String(), Serdes.String()), "start-loop", "start-request", "loop-command");

        topology.addSink(DECISIONS_SINK, topics.decisions.name(), topics.decisions.keySerde().serializer(),
                topics.decisions.valueSerde().serializer(), "route", "start-request");
        topology.addSink(LOOPS_SINK, topics.loops.name(), topics.loops.keySerde().serializer(),
                topics.loops.valueSerde().serializer(), "start-loop", "start-request");
        topology.addSink(REPLIES_SINK, topics.loopReplies.name(), topics.loopReplies.keySerde().serializer(),
                topics.loopReplies.valueSerde().serializer(), "start-request");
        return topology;
    }
}
