package io.reviewstream.resultwriter.domain;

import io.reviewstream.schemas.consensus.Consensus;
import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopStarted;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A loop's {@code output.json} exactly as A2I writes it, plus {@code consolidatedAnswer} and {@code agreement} when
 * several workers answered. The bytes depend only on the event, in a fixed field order, so that a redelivered
 * event rewrites the object with identical bytes.
 */
public final class OutputDocument {

    /** A2I's timestamps always carry milliseconds: {@code 2024-05-01T10:00:03.120Z}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OutputDocument() {
    }

    /** @param agreement mean agreement over the fields, or null when fewer than two workers answered */
    public record Rendered(byte[] bytes, Double agreement) {
    }

    public static Rendered render(LoopAnswers answers) {
        Double agreement = null;
        LoopStarted loop = answers.getLoop();
        ObjectNode root = JSON.createObjectNode();
        root.put("flowDefinitionArn", loop.getFlowDefinition().getArn());
        root.put("humanLoopName", loop.getHumanLoopName());
        ArrayNode humanAnswers = root.putArray("humanAnswers");
        for (HumanAnswer answer : answers.getAnswers()) {
            ObjectNode entry = humanAnswers.addObject();
            entry.put("acceptanceTime", timestamp(answer.getAcceptanceTime()));
            entry.set("answerContent", parse(answer.getAnswerContent()));
            entry.put("submissionTime", timestamp(answer.getSubmissionTime()));
            entry.put("timeSpentInSeconds", answer.getTimeSpentInSeconds());
            entry.put("workerId", answer.getWorkerId());
            ObjectNode identity = entry.putObject("workerMetadata").putObject("identityData");
            identity.put("identityProviderType", answer.getIdentityProviderType());
            identity.put("issuer", answer.getIssuer());
            identity.put("sub", answer.getSubject());
        }
        root.set("inputContent", parse(loop.getInputContent()));
        if (loop.getFlowDefinition().getHumanLoopRequestSource() != null) {
            root.put("awsManagedHumanLoopRequestSource", loop.getFlowDefinition().getHumanLoopRequestSource());
        }
        if (!loop.getContentClassifiers().isEmpty()) {
            // StartHumanLoop's DataAttributes, kept for whoever reads the output; A2I parsers skip the field
            ArrayNode classifiers = root.putObject("dataAttributes").putArray("contentClassifiers");
            loop.getContentClassifiers().forEach(classifiers::add);
        }
        if (answers.getAnswers().size() > 1) {
            // Extra top-level fields: A2I parsers read the fields they know and ignore these.
            Consensus.Result consensus = Consensus.of(answers.getAnswers().stream()
                    .map(answer -> parse(answer.getAnswerContent())).toList());
            root.set("consolidatedAnswer", consensus.consolidated());
            root.set("agreement", consensus.agreement());
            agreement = consensus.agreement().isEmpty() ? 1.0
                    : consensus.agreement().valueStream().mapToDouble(JsonNode::asDouble).average().orElse(1.0);
        }
        return new Rendered(JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8), agreement);
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
