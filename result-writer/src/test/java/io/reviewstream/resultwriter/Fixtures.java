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

import java.time.Instant;
import java.util.List;

/** Loops as task-service reports them, for the writer's tests. */
public final class Fixtures {

    public static final Instant CREATED = Instant.parse("2024-05-01T09:59:58.512Z");
    public static final Instant ENDED = Instant.parse("2024-05-01T10:01:10.480Z");

    private Fixtures() {
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
