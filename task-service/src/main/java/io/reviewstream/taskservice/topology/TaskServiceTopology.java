package io.reviewstream.taskservice.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewstream.schemas.avro.HumanTaskUi;
import io.reviewstream.schemas.avro.LoopTasks;
import io.reviewstream.schemas.avro.QueuedTask;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.avro.TaskReply;
import io.reviewstream.schemas.avro.TeamQueue;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.taskservice.config.TaskProperties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;

/**
 * task-service's one topology:
 * <pre>
 * rs.loops, rs.loop-commands ─► team-router ─► rs.task-commands (keyed by team) ◄─ worker API
 * rs.task-commands ─► queue ─┬─► rs.answers
 *                            ├─► rs.task-events (opened, claimed, released, lease expired, answered; keyed by loop)
 *                            ├─► rs.task-replies (keyed by correlation id) ─► worker API
 *                            └─► rs.task-queues (compacted, keyed by team) ─► worker API task list
 * rs.task-uis ─► template-archive ─► rs.task-templates (compacted, keyed by ARN) ─► render endpoint
 * </pre>
 */
public final class TaskServiceTopology {

    public static final String LOOPS_STORE = "team-loops";
    public static final String OPEN_TASKS_STORE = "open-tasks";
    public static final String TEAMS_BY_LOOP_STORE = "teams-by-loop";
    public static final String PENDING_STOPS_STORE = "pending-stops";
    public static final String CLAIMED_TASKS_STORE = "claimed-tasks";
    public static final String DEADLINES_STORE = "loop-deadlines";
    public static final String ANSWER_RECEIPTS_STORE = "answer-receipts";
    public static final String QUEUE_COUNTS_STORE = "queue-counts";
    static final String ANSWERS_SINK = "answers-sink";
    static final String REPLIES_SINK = "replies-sink";
    static final String QUEUES_SINK = "queues-sink";
    static final String TASK_EVENTS_SINK = "task-events-sink";

    private TaskServiceTopology() {
    }

    public static Topic<String, TaskCommand> commandsTopic(Topics topics, SerdeFactory serdes) {
        return new Topic<>(topics.name("task-commands"), Serdes.String(), serdes.avro(TaskCommand.class), false);
    }

    public static Topic<String, TaskReply> repliesTopic(Topics topics, SerdeFactory serdes) {
        return new Topic<>(topics.name("task-replies"), Serdes.String(), serdes.avro(TaskReply.class), false);
    }

    /**
     * Every task UI version any loop may still need, keyed by ARN. rs.task-uis forgets a deleted UI, but A2I keeps
     * running the loops that use it, so task-service keeps its own copy, which tombstones never reach.
     */
    public static Topic<String, HumanTaskUi> templatesTopic(Topics topics, SerdeFactory serdes) {
        return new Topic<>(topics.name("task-templates"), Serdes.String(), serdes.avro(HumanTaskUi.class), true);
    }

    public static Topology build(Topics topics, SerdeFactory serdes, Envelopes envelopes, Clock clock,
                                 TaskProperties properties, MeterRegistry meters) {
        Topic<String, TaskCommand> commands = commandsTopic(topics, serdes);
        Topic<String, TaskReply> replies = repliesTopic(topics, serdes);
        Topic<String, TeamQueue> queues = topics.taskQueues;
        Topic<String, HumanTaskUi> templates = templatesTopic(topics, serdes);
        QueueGauges gauges = new QueueGauges(meters, clock);
        QueueMetrics metrics = new QueueMetrics(meters);
        Topology topology = new Topology();

        topology.addSource("loops-source", topics.loops.keySerde().deserializer(),
                topics.loops.valueSerde().deserializer(), topics.loops.name());
        topology.addSource("loop-commands-source", topics.loopCommands.keySerde().deserializer(),
                topics.loopCommands.valueSerde().deserializer(), topics.loopCommands.name());
        topology.addProcessor("team-router", () -> new TeamRouter(envelopes, properties), "loops-source", "loop-commands-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TEAMS_BY_LOOP_STORE),
                Serdes.String(), Serdes.String()), "team-router");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STOPS_STORE),
                Serdes.String(), Serdes.String()), "team-router");
        topology.addSink("task-commands-sink", commands.name(), commands.keySerde().serializer(),
                commands.valueSerde().serializer(), "team-router");

        topology.addSource("task-commands-source", commands.keySerde().deserializer(),
                commands.valueSerde().deserializer(), commands.name());
        topology.addProcessor("queue", () -> new QueueProcessor(envelopes, clock, properties, metrics, gauges),
                "task-commands-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOOPS_STORE),
                Serdes.String(), serdes.avro(LoopTasks.class)), "queue");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_TASKS_STORE),
                Serdes.String(), serdes.avro(QueuedTask.class)), "queue");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLAIMED_TASKS_STORE),
                Serdes.String(), serdes.avro(QueuedTask.class)), "queue");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINES_STORE),
                Serdes.String(), Serdes.String()), "queue");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ANSWER_RECEIPTS_STORE),
                Serdes.String(), Serdes.String()), "queue");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUEUE_COUNTS_STORE),
                Serdes.String(), Serdes.String()), "queue");
        topology.addSink(ANSWERS_SINK, topics.answers.name(), topics.answers.keySerde().serializer(),
                topics.answers.valueSerde().serializer(), "queue");
        topology.addSink(TASK_EVENTS_SINK, topics.taskEvents.name(), topics.taskEvents.keySerde().serializer(),
                topics.taskEvents.valueSerde().serializer(), "queue");
        topology.addSink(REPLIES_SINK, replies.name(), replies.keySerde().serializer(),
                replies.valueSerde().serializer(), "queue");
        topology.addSink(QUEUES_SINK, queues.name(), queues.keySerde().serializer(),
                queues.valueSerde().serializer(), "queue");

        topology.addSource("task-uis-source", topics.taskUis.keySerde().deserializer(),
                topics.taskUis.valueSerde().deserializer(), topics.taskUis.name());
        topology.addProcessor("template-archive", TemplateArchive::new, "task-uis-source");
        topology.addSink("task-templates-sink", templates.name(), templates.keySerde().serializer(),
                templates.valueSerde().serializer(), "template-archive");
        return topology;
    }
}
