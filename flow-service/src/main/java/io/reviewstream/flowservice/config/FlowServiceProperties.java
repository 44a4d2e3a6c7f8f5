package io.reviewstream.flowservice.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * flow-service's own settings. The limits default to A2I's published quotas (a2i-compat.md §7.1), so that code
 * written against A2I meets the same ResourceLimitExceeded and ServiceQuotaExceededException; raise them freely.
 *
 * @param timeout                     how long a call waits for Kafka: a write's acknowledgement, a view catching up,
 *                                    loop-router's reply to StartHumanLoop
 * @param maxFlowDefinitions          flow definitions that may exist at once
 * @param maxHumanTaskUis             human task UIs that may exist at once
 * @param maxWorkteams                work teams that may exist at once
 * @param maxInProgressLoopsPerFlow   loops InProgress per flow definition before StartHumanLoop is refused
 * @param workerPortalUrl             the worker portal's address, reported as a work team's SubDomain
 * @param maxRequestBytes             the largest request body accepted: InputContent may be 3 MiB characters, and
 *                                    JSON escaping (boto3 writes a non-ASCII character as six) can make it six times
 *                                    as long
 * @param stateDir                    where the loop status store lives on disk (in a folder named after the topic);
 *                                    kept across restarts, so that a restart resumes from its checkpoint, and one
 *                                    per instance: two instances cannot share one
 */
@Validated
@ConfigurationProperties("reviewstream.flow")
public record FlowServiceProperties(
        @NotNull @DefaultValue("15s") Duration timeout,
        @Min(1) @DefaultValue("100") int maxFlowDefinitions,
        @Min(1) @DefaultValue("100") int maxHumanTaskUis,
        @Min(1) @DefaultValue("25") int maxWorkteams,
        @Min(1) @DefaultValue("5000") int maxInProgressLoopsPerFlow,
        @NotBlank @DefaultValue("http://localhost:8090") String workerPortalUrl,
        @Min(1024) @DefaultValue("20971520") int maxRequestBytes,
        @NotBlank @DefaultValue("${java.io.tmpdir}/reviewstream/flow-service") String stateDir) {
}
