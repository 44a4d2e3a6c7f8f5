package io.reviewstream.schemas.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Object storage: where result-writer puts outputs and what {@code grant_read_access} presigns against.
 *
 * @param endpoint  S3-compatible endpoint URL (S3Proxy, MinIO, or https://s3.amazonaws.com)
 * @param region    signing region
 * @param accessKey access key id
 * @param secretKey secret access key
 * @param encryption server-side encryption of the objects: {@code none}, {@code sse-s3}, or {@code sse-kms}
 *                   (with the flow's KmsKeyId, else {@code kmsKeyId})
 * @param kmsKeyId   KMS key for {@code sse-kms} when the flow names none
 * @param readableLocations what {@code grant_read_access} may presign: {@code s3://bucket} or
 *                   {@code s3://bucket/prefix/} entries (the flows' output buckets and the buckets task inputs point
 *                   to); the default is the output bucket of the demo and of the docker compose setup
 * @param trustStoreLocation trust store of the endpoint's CA when it is a private one, else the JVM's default trust
 * @param trustStorePassword its password
 * @param trustStoreType     its type
 */
@Validated
@ConfigurationProperties("reviewstream.s3")
public record S3Properties(
        @NotBlank @DefaultValue("http://localhost:9000") String endpoint,
        @NotBlank @DefaultValue("us-east-1") String region,
        @NotBlank @DefaultValue("reviewstream") String accessKey,
        @NotBlank @DefaultValue("reviewstream-secret") String secretKey,
        @NotNull @DefaultValue("none") Encryption encryption,
        String kmsKeyId,
        @NotNull @DefaultValue("s3://reviewstream-output/") List<String> readableLocations,
        Resource trustStoreLocation,
        String trustStorePassword,
        @NotBlank @DefaultValue("PKCS12") String trustStoreType) {

    public enum Encryption {
        NONE, SSE_S3, SSE_KMS
    }
}
