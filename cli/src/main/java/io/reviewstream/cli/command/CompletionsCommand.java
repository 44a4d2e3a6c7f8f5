package io.reviewstream.cli.command;

import io.reviewstream.cli.GroupCommand;
import io.reviewstream.cli.LeafSupport;
import io.reviewstream.cli.OperationFailedException;
import io.reviewstream.cli.kafka.KafkaOptions;
import io.reviewstream.cli.kafka.RegistryOptions;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.event.HumanLoopStatuses;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@Command(name = "completions", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Loop completion events (rs.loop-completed).")
public final class CompletionsCommand extends GroupCommand {

    private static final Duration POLL = Duration.ofMillis(500);

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = {"Prints one JSON line per LoopCompleted event, committed ones only (read_committed), "
                    + "until interrupted, --count events or --timeout.",
                    "Fields: humanLoopName, humanLoopArn, flowDefinitionName, flowDefinitionArn, humanLoopStatus, "
                            + "creationTime, completedAt, failureCode, failureReason, outputS3Uri."})
    int tail(@Option(names = "--topic", defaultValue = "rs.loop-completed", paramLabel = "TOPIC",
                     description = "default: ${DEFAULT-VALUE}") String topic,
             @Option(names = "--from-beginning", description = "Start at the oldest event rather than the newest")
             boolean fromBeginning,
             @Option(names = "--flow", paramLabel = "NAME", description = "Only this flow definition's loops")
             String flow,
             @Option(names = "--count", paramLabel = "N", description = "Stop after N events") Integer count,
             @Option(names = "--timeout", paramLabel = "SECONDS",
                     description = "Stop after this many seconds; with --count, exit code 1 if fewer arrived")
             Integer timeoutSeconds,
             @Mixin KafkaOptions kafka,
             @Mixin RegistryOptions registry) {
        Deserializer<LoopCompleted> values = registry.serdes().avro(LoopCompleted.class);
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        PrintWriter out = LeafSupport.out(spec);
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE
                : System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        int printed = 0;
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Thread interrupt = new Thread(consumer::wakeup);
            Runtime.getRuntime().addShutdownHook(interrupt);
            try {
                assign(consumer, topic, fromBeginning);
                while ((count == null || printed < count) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        if (count != null && printed >= count) {
                            break;
                        }
                        LoopCompleted completed = decode(values, record);
                        if (completed != null && (flow == null || flow.equals(completed.getFlowDefinitionName()))) {
                            out.println(LeafSupport.JSON.writeValueAsString(json(completed)));
                            out.flush();
                            printed++;
                        }
                    }
                }
            } catch (WakeupException e) {
                return 0;
            } finally {
                removeHook(interrupt);
            }
        }
        if (count != null && printed < count) {
            throw new OperationFailedException("Timed out after " + timeoutSeconds + " s with " + printed + " of "
                    + count + " completions");
        }
        return 0;
    }

    /** All partitions, positioned now: a completion written after the command started is never skipped. */
    private static void assign(KafkaConsumer<byte[], byte[]> consumer, String topic, boolean fromBeginning) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new OperationFailedException("Topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
    }

    private LoopCompleted decode(Deserializer<LoopCompleted> values, ConsumerRecord<byte[], byte[]> record) {
        try {
            return values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LeafSupport.err(spec).println("Skipping " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + e.getMessage());
            return null;
        }
    }

    private static ObjectNode json(LoopCompleted completed) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("humanLoopName", completed.getHumanLoopName());
        node.put("humanLoopArn", completed.getHumanLoopArn());
        node.put("flowDefinitionName", completed.getFlowDefinitionName());
        node.put("flowDefinitionArn", completed.getFlowDefinitionArn());
        node.put("humanLoopStatus", HumanLoopStatuses.wire(completed.getHumanLoopStatus()));
        node.put("creationTime", completed.getCreationTime().toString());
        node.put("completedAt", completed.getCompletedAt().toString());
        node.put("failureCode", completed.getFailureCode());
        node.put("failureReason", completed.getFailureReason());
        node.put("outputS3Uri", completed.getOutputS3Uri());
        return node;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is running or has run
        }
    }
}
