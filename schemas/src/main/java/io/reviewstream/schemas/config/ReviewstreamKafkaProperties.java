package io.reviewstream.schemas.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings every service shares: where the schema registry is and how topics are named and created.
 *
 * @param schemaRegistryUrl base URL of a Confluent-compatible schema registry API (Apicurio: {@code …/apis/ccompat/v7})
 * @param topicPrefix       prefix of every topic name
 * @param partitions        partitions of topics the services create; bounds the useful number of replicas
 * @param replicationFactor replication factor of topics the services create
 * @param startupCheckTimeout how long the start-up check of the Kafka connection waits for the cluster; zero skips it
 * @param instanceId        this instance's stable name among its service's replicas (a StatefulSet pod's name, a
 *                          compose service's name), or none. Set, it makes the instance a static member of its
 *                          consumer groups: restarted under the same name, it takes its partitions back at once
 *                          instead of after the dead member's session timeout. Two running replicas must never share
 *                          one; the broker fences the older.
 */
@Validated
@ConfigurationProperties("reviewstream.kafka")
public record ReviewstreamKafkaProperties(
        @NotBlank @DefaultValue("http://localhost:8081/apis/ccompat/v7") String schemaRegistryUrl,
        @NotBlank @DefaultValue("rs.") String topicPrefix,
        @Min(1) @Max(1000) @DefaultValue("6") int partitions,
        @Min(1) @Max(10) @DefaultValue("1") short replicationFactor,
        @NotNull @DefaultValue("30s") Duration startupCheckTimeout,
        @Pattern(regexp = "[A-Za-z0-9._-]{1,100}+") String instanceId) {
}
