package io.reviewstream.resultwriter;

import io.reviewstream.schemas.avro.Envelope;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.FlowDefinitionStatus;
import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.schemas.avro.HumanLoopConfig;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import io.reviewstream.schemas.avro.LoopSource;
import io.reviewstream.schemas.avro.LoopStarted;
import io.reviewstream.schemas.avro.OutputConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Loops as task-service reports them, for the writer's tests. */
public final class Fixtures {

    public static final Instant CREATED = Instant.parse("2024-05-01T09:59:58.512Z");
    public static final Instant ENDED = Instant.parse("2024-05-01T10:01:10.480Z");

    public static final String CUSTOM_INPUT =
            "{\"taskObject\":\"s3://bucket/claims/42.png\",\"initialValue\":\"Approve\"}";

    private Fixtures() {
    }

    /** The loop of {@code output/completed-custom.json}. */
    public static LoopAnswers completedCustom(String outputPath) {
        return answers(loop("claim-000042", outputPath, null, CUSTOM_INPUT, 1), LoopOutcome.ANSWERED, null, null,
                List.of(answer("0a1b2c3d4e5f6a7b", "11111111-2222-3333-4444-555555555555",
                        "{\"decision\":{\"label\":\"Approve\"},\"notes\":\"stamp is legible\"}", 67.36)));
    }

    /** The loop of {@code output/failed-expired.json}. */
    public static LoopAnswers failedExpired(String outputPath) {
        return answers(loop("claim-000043", outputPath, null, CUSTOM_INPUT, 1), LoopOutcome.EXPIRED, "Expired",
                "Not every task was answered within TaskAvailabilityLifetimeInSeconds", List.of());
    }

    /** The loop of {@code output/stopped.json}. */
    public static LoopAnswers stopped(String outputPath) {
        return answers(loop("claim-000044", outputPath, null, CUSTOM_INPUT, 2), LoopOutcome.STOPPED, null, null,
                List.of(answer("0a1b2c3d4e5f6a7b", "worker-1", "{\"decision\":{\"label\":\"Reject\"}}", 12.0)));
    }

    /** An expected output.json under {@code src/test/resources/output}, byte for byte. */
    public static byte[] expectedOutput(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/output/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No expected output " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoopStarted loop(String name, String outputPath, String source, String inputContent, int taskCount) {
        FlowDefinition flow = FlowDefinition.newBuilder()
                .setEnvelope(envelope())
                .setName("claims-review")
                .setArn("arn:aws:sagemaker:eu-west-1:111122223333:flow-definition/claims-review")
                .setVersion(1)
                .setStatus(FlowDefinitionStatus.ACTIVE)
                .setCreationTime(CREATED)
                .setHumanLoopRequestSource(source)
                .setHumanLoopConfig(HumanLoopConfig.newBuilder()
                        .setWorkteamArn("arn:aws:sagemaker:eu-west-1:111122223333:workteam/private-crowd/reviewers")
                        .setHumanTaskUiArn("arn:aws:sagemaker:eu-west-1:111122223333:human-task-ui/claims-ui")
                        .setTaskTitle("Review claim").setTaskDescription("Approve or reject").setTaskCount(taskCount)
                        .build())
                .setOutputConfig(OutputConfig.newBuilder().setS3OutputPath(outputPath).build())
                .setRoleArn("arn:aws:iam::111122223333:role/a2i-exec")
                .build();
        return LoopStarted.newBuilder()
                .setEnvelope(envelope())
                .setHumanLoopName(name)
                .setHumanLoopArn("arn:aws:sagemaker:eu-west-1:111122223333:human-loop/" + name)
                .setCreationTime(CREATED)
                .setFlowDefinition(flow)
                .setSource(LoopSource.START_HUMAN_LOOP)
                .setInputContent(inputContent)
                .build();
    }

    public static HumanAnswer answer(String workerId, String subject, String answerContent, double seconds) {
        return HumanAnswer.newBuilder()
                .setTaskId("reviewers.loop." + workerId)
                .setWorkerId(workerId)
                .setIdentityProviderType("Cognito")
                .setIssuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123")
                .setSubject(subject)
                .setAcceptanceTime(Instant.parse("2024-05-01T10:00:03.120Z"))
                .setSubmissionTime(Instant.parse("2024-05-01T10:00:03.120Z").plusMillis((long) (seconds * 1000)))
                .setTimeSpentInSeconds(seconds)
                .setAnswerContent(answerContent)
                .build();
    }

    public static LoopAnswers answers(LoopStarted loop, LoopOutcome outcome, String failureCode, String failureReason,
                                      List<HumanAnswer> answers) {
        return LoopAnswers.newBuilder()
                .setEnvelope(envelope())
                .setHumanLoopName(loop.getHumanLoopName())
                .setOutcome(outcome)
                .setFailureCode(failureCode)
                .setFailureReason(failureReason)
                .setAnswers(answers)
                .setLoop(loop)
                .setEndedAt(ENDED)
                .build();
    }

    private static Envelope envelope() {
        return new Envelope("00000000-0000-0000-0000-000000000001", CREATED, "test", 1);
    }
}
