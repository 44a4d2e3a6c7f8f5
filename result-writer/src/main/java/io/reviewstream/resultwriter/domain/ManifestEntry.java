package io.reviewstream.resultwriter.domain;

import io.reviewstream.schemas.consensus.Consensus;
import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopStarted;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The retraining export: one JSON line per finished loop (input, the consolidated answer or the single answer,
 * loop name, status, output URI), kept as its own small object under the flow's day prefix
 * {@code {S3OutputPath}/{flow}/manifests/{YYYY}/{MM}/{DD}/entries/{loop}.json} and gathered into that day's
 * {@code manifest.jsonl}. One object per loop makes the export idempotent under redelivery and safe with several
 * writer instances, which S3's lack of appends would otherwise make hard.
 */
public final class ManifestEntry {

    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ManifestEntry() {
    }

    /** The day folder of a loop's entry: the day, UTC, on which the loop ended. */
    public static OutputLocation dayFolder(LoopAnswers answers) {
        LoopStarted loop = answers.getLoop();
        return dayFolder(OutputLocation.flowFolder(loop.getFlowDefinition().getOutputConfig().getS3OutputPath(),
                loop.getFlowDefinition().getName()), answers.getEndedAt());
    }

    /** A flow's manifest folder of the day (UTC) of {@code instant}. */
    public static OutputLocation dayFolder(OutputLocation flowFolder, Instant instant) {
        return new OutputLocation(flowFolder.bucket(), flowFolder.key() + "manifests/" + DAY_PATH.format(instant) + "/");
    }

    public static OutputLocation location(LoopAnswers answers) {
        OutputLocation day = dayFolder(answers);
        return new OutputLocation(day.bucket(), day.key() + "entries/" + answers.getHumanLoopName() + ".json");
    }

    public static byte[] render(LoopAnswers answers, String status, String outputUri) {
        ObjectNode line = JSON.createObjectNode();
        line.put("humanLoopName", answers.getHumanLoopName());
        line.put("status", status);
        line.put("outputS3Uri", outputUri);
        line.set("inputContent", JSON.readTree(answers.getLoop().getInputContent()));
        line.set("answer", answer(answers));
        line.put("answers", answers.getAnswers().size());
        return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode answer(LoopAnswers answers) {
        if (answers.getAnswers().isEmpty()) {
            return JSON.nullNode();
        }
        if (answers.getAnswers().size() == 1) {
            return JSON.readTree(answers.getAnswers().get(0).getAnswerContent());
        }
        return Consensus.of(answers.getAnswers().stream().map(HumanAnswer::getAnswerContent)
                .map(JSON::readTree).toList()).consolidated();
    }
}
