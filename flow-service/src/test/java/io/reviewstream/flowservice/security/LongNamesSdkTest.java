package io.reviewstream.flowservice.security;

import io.reviewstream.flowservice.TestFlowService;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names far beyond the models' 63 characters, from the official SDK: each a ValidationException naming the member,
 * where a name of 3,000 characters used to overflow the stack of the name pattern and answer 500.
 */
class LongNamesSdkTest extends HostileInputService {

    static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:flow-definition/f";

    @Test
    void longNamesAreAValidationErrorInEveryOperationThatTakesOne() {
        try (SageMakerClient sageMaker = TestFlowService.client(SageMakerClient.builder(), port, ACCESS_KEY, SECRET_KEY)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
             SageMakerA2IRuntimeClient a2i = TestFlowService.client(SageMakerA2IRuntimeClient.builder(), port,
                             ACCESS_KEY, SECRET_KEY)
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            for (int length : List.of(3_000, 100_000)) {
                String name = "a-".repeat(length / 2) + "a";
                refused("'humanTaskUiName'", () -> sageMaker.createHumanTaskUi(r -> r.humanTaskUiName(name)
                        .uiTemplate(u -> u.content("<p>x</p>"))));
                refused("'humanTaskUiName'", () -> sageMaker.describeHumanTaskUi(r -> r.humanTaskUiName(name)));
                refused("'humanTaskUiName'", () -> sageMaker.deleteHumanTaskUi(r -> r.humanTaskUiName(name)));
                refused("'flowDefinitionName'", () -> sageMaker.describeFlowDefinition(r ->
                        r.flowDefinitionName(name)));
                refused("'workteamName'", () -> sageMaker.describeWorkteam(r -> r.workteamName(name)));
                refused("'humanLoopName'", () -> a2i.startHumanLoop(r -> r.humanLoopName(name).flowDefinitionArn(ARN)
                        .humanLoopInput(i -> i.inputContent("{}"))));
                refused("'humanLoopName'", () -> a2i.stopHumanLoop(r -> r.humanLoopName(name)));
                // in the path, a name this long makes a request line over the server's limit: refused unread
                String inPath = length > 8_000 ? "could not be read" : "'humanLoopName'";
                refused(inPath, () -> a2i.describeHumanLoop(r -> r.humanLoopName(name)));
                refused(inPath, () -> a2i.deleteHumanLoop(r -> r.humanLoopName(name)));
            }
        }
    }

    private static void refused(String naming, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).contains(naming);
        });
    }
}
