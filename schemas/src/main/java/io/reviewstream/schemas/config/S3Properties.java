package io.reviewstream.schemas.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
        Resource trustStoreLocation,
        String trustStorePassword,
        @NotBlank @DefaultValue("PKCS12") String trustStoreType) {

    public enum Encryption {
        NONE, SSE_S3, SSE_KMS
    }
}
