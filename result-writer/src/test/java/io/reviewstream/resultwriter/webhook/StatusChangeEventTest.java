package io.reviewstream.resultwriter.webhook;

import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopCompleted;
import io.reviewstream.schemas.event.Envelopes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StatusChangeEventTest {

    @Test
    void aLoopWhoseOutputCouldNotBeStoredIsFailedWithItsReasonAndNoOutput() {
        LoopCompleted rejected = LoopCompleted.newBuilder()
                .setEnvelope(new Envelopes(Clock.systemUTC()).next("c"))
                .setHumanLoopName("claim-1")
                .setHumanLoopArn("arn:aws:sagemaker:us-east-1:111122223333:human-loop/claim-1")
                .setFlowDefinitionName("claims-review")
                .setFlowDefinitionArn("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/claims-review")
                .setHumanLoopStatus(HumanLoopStatus.FAILED)
                .setCreationTime(Instant.parse("2024-05-01T09:59:58.120Z"))
                .setCompletedAt(Instant.parse("2024-05-01T10:00:05.870Z"))
                .setFailureCode("ValidationError")
                .setFailureReason("The object store refused the output for good: NoSuchBucket (HTTP 404)")
                .setAccount("111122223333")
                .setRegion("us-east-1")
                .build();
        JsonNode detail = JsonMapper.builder().build().readTree(StatusChangeEvent.json(rejected)).get("detail");
        assertThat(detail.get("humanLoopStatus").asString()).isEqualTo("Failed");
        assertThat(detail.get("failureCode").asString()).isEqualTo("ValidationError");
        assertThat(detail.get("failureReason").asString()).contains("NoSuchBucket");
        assertThat(detail.has("humanLoopOutput")).as("there is no object to point to").isFalse();
    }
}
