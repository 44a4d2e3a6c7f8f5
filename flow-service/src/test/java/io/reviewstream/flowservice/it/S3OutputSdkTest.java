package io.reviewstream.flowservice.it;

import io.reviewstream.flowservice.FlowServiceApplication;
import io.reviewstream.flowservice.TestFlowService;
import io.reviewstream.schemas.avro.FlowDefinition;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.status.LoopStatusStore;
import io.reviewstream.schemas.topic.Topics;
import io.reviewstream.schemas.view.CompactedTopicView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;
import software.amazon.awssdk.services.sagemakera2iruntime.model.DescribeHumanLoopResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 output paths as SDK users meet them: CreateFlowDefinition refuses, with AWS's ValidationException, paths that
 * break S3's bucket or key rules, which result-writer could never write to; and a loop whose output could not be
 * stored is described as Failed with its reason.
 */
@SpringBootTest(classes = FlowServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=flow-service")
class S3OutputSdkTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACCESS_KEY = "AKIATESTS3OUTPUT";
    static final String SECRET_KEY = "s3-output-test-secret";
    static final String ROLE = "arn:aws:iam::111122223333:role/a2i-exec";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestFlowService.register(registry, "s3o" + RUN + ".", ACCESS_KEY, SECRET_KEY);
    }

    @LocalServerPort
    int port;
    @Autowired
    Topics topics;
    @Autowired
    Envelopes envelopes;
    @Autowired
    CompactedTopicView<FlowDefinition> flowDefinitionsView;
    @Autowired
    LoopStatusStore loopStatusStore;

    SageMakerClient sageMaker;

    @BeforeEach
    void client() {
        sageMaker = TestFlowService.client(SageMakerClient.builder(), port, ACCESS_KEY, SECRET_KEY).build();
        assertThat(flowDefinitionsView.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }

    @AfterEach
    void close() {
        sageMaker.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "s3://b/x | Bucket name 'b' must be 3 to 63 characters long",
            "s3://Bad_Bucket/x | Bucket name 'Bad_Bucket' may only contain lowercase letters",
            "s3://169.254.169.254/x | Bucket name '169.254.169.254' must not be formatted as an IP address",
            "https://169.254.169.254/latest/meta-data | must not be formatted as an IP address",
            "s3://reviewstream-output/../../../etc | must not have empty, '.' or '..' path segments",
            "https://reviewstream-output/a/./b | must not have empty, '.' or '..' path segments",
            "s3://../x | Bucket name '..' must be 3 to 63 characters long",
            "s3://xn--bucket/x | reserved prefix 'xn--'",
            "s3://bucket-s3alias/x | reserved suffix '-s3alias'"})
    void pathsThatBreakS3sRulesAreRefusedWithValidationException(String path, String why) {
        String name = "bad-path-" + RUN;
        assertThatThrownBy(() -> sageMaker.createFlowDefinition(r -> r.flowDefinitionName(name)
                .outputConfig(o -> o.s3OutputPath(path)).roleArn(ROLE)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: ")
                            .contains("'outputConfig.s3OutputPath'", why);
                });
        assertThat(flowDefinitionsView.get(name)).isEmpty();
    }

    @Test
    void aPrefixWithoutRoomForTheKeysBelowItIsRefused() {
        assertThatThrownBy(() -> sageMaker.createFlowDefinition(r -> r.flowDefinitionName("long-prefix-" + RUN)
                .outputConfig(o -> o.s3OutputPath("s3://reviewstream-output/" + "p".repeat(900))).roleArn(ROLE)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("'outputConfig.s3OutputPath'", "must be at most 862 bytes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://reviewstream-output/claims", "s3://reviewstream-output",
            "https://reviewstream-output/claims/2024/", "s3://my.bucket-1/a b/ünïcode"})
    void validPathsAreKeptAsGiven(String path) {
        String name = "good-path-" + Math.abs(path.hashCode()) + "-" + RUN;
        sageMaker.createFlowDefinition(r -> r.flowDefinitionName(name).outputConfig(o -> o.s3OutputPath(path))
                .roleArn(ROLE));
        assertThat(sageMaker.describeFlowDefinition(r -> r.flowDefinitionName(name)).outputConfig().s3OutputPath())
                .isEqualTo(path);
    }

    /** The status result-writer writes for a loop whose output the object store refused for good. */
    @Test
    void aLoopWhoseOutputCouldNotBeStoredIsDescribedAsFailedWithItsReason() throws Exception {
        String loop = "rejected-" + RUN;
        String reason = "The object store refused the output for good: NoSuchBucket (HTTP 404) for bucket "
                + "'reviewstream-missing'";
        LoopStatusEvent failed = LoopStatusEvent.newBuilder()
                .setEnvelope(envelopes.next("")).setHumanLoopName(loop)
                .setHumanLoopArn("arn:aws:sagemaker:us-east-1:111122223333:human-loop/" + loop)
                .setFlowDefinitionName("some-flow")
                .setFlowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/some-flow")
                .setStatus(HumanLoopStatus.FAILED).setCreationTime(Instant.parse("2024-05-01T09:59:58.512Z"))
                .setUpdatedAt(Instant.now()).setFailureCode("ValidationError").setFailureReason(reason).build();
        TestFlowService.write(topics.loopStatus, loop, failed);
        long deadline = System.currentTimeMillis() + 30_000;
        while (loopStatusStore.get(loop).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("view caught up").isLessThan(deadline);
            Thread.sleep(50);
        }
        try (SageMakerA2IRuntimeClient a2i = TestFlowService.client(SageMakerA2IRuntimeClient.builder(), port,
                ACCESS_KEY, SECRET_KEY).build()) {
            DescribeHumanLoopResponse described = a2i.describeHumanLoop(r -> r.humanLoopName(loop));
            assertThat(described.humanLoopStatusAsString()).isEqualTo("Failed");
            assertThat(described.failureCode()).isEqualTo("ValidationError");
            assertThat(described.failureReason()).isEqualTo(reason);
            assertThat(described.humanLoopOutput()).as("no object was stored").isNull();
        }
    }
}
