package io.reviewstream.cli.command;

import io.reviewstream.cli.GroupCommand;
import io.reviewstream.cli.LeafSupport;
import io.reviewstream.cli.kafka.KafkaOptions;
import io.reviewstream.cli.kafka.RegistryOptions;
import io.reviewstream.cli.progress.Progress;
import io.reviewstream.schemas.avro.Prediction;
import io.reviewstream.schemas.serde.PredictionSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

@Command(name = "predictions", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Model predictions on Kafka, for the router's activation conditions.")
public final class PredictionsCommand extends GroupCommand {

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Produces one prediction per line of a JSON Lines file, with a progress bar, and prints a "
                    + "summary. Exit code 1 if any line failed; the other lines are still sent.",
                    "A line: {\"predictionId\":\"p-1\",\"flowDefinitionName\":\"demo-flow\","
                            + "\"inputContent\":{\"label\":\"cat\",\"confidence\":0.42}}; also humanLoopName, "
                            + "contentClassifiers, model. Each is checked and written in Avro, keyed by its "
                            + "predictionId (without one, the id the router would derive from the line), "
                            + "with acks=all and idempotence."})
    int send(@Option(names = "--file", required = true, paramLabel = "FILE", description = "The JSON Lines file")
             Path file,
             @Option(names = "--topic", defaultValue = "rs.predictions", paramLabel = "TOPIC",
                     description = "default: ${DEFAULT-VALUE}") String topic,
             @Mixin KafkaOptions kafka,
             @Mixin RegistryOptions registry) {
        PredictionSerde serde = registry.serdes().prediction();
        List<String> lines = LeafSupport.readFile(file).lines().toList();
        long predictions = lines.stream().filter(line -> !line.isBlank()).count();
        PrintWriter err = LeafSupport.err(spec);
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Progress progress = Progress.forTerminal("predictions", predictions, LeafSupport.out(spec));
        try (progress; var producer = new KafkaProducer<>(config, new StringSerializer(), serde)) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                int lineNumber = i + 1;
                Prediction prediction;
                try {
                    prediction = serde.fromJson(lines.get(i).getBytes(StandardCharsets.UTF_8)).prediction();
                } catch (SerializationException e) {
                    progress.failed();
                    report(err, lineNumber, e.getMessage());
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, prediction.getPredictionId(), prediction),
                        (metadata, e) -> {
                            if (e == null) {
                                progress.succeeded();
                            } else {
                                progress.failed();
                                report(err, lineNumber, e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                        });
            }
            producer.flush();
        }
        err.flush();
        LeafSupport.out(spec).printf("Sent %d of %d predictions to %s, %d failed%n", progress.succeededCount(),
                predictions, topic, progress.failedCount());
        return progress.failedCount() == 0 ? 0 : 1;
    }

    private static void report(PrintWriter err, int line, String message) {
        synchronized (err) {
            err.println("line " + line + ": " + message);
        }
    }
}
