package io.reviewstream.resultwriter.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Object storage for output.json.
 *
 * @param endpoint  S3-compatible endpoint URL (S3Proxy, MinIO, or https://s3.amazonaws.com)
 * @param region    signing region
 * @param accessKey access key id
 * @param secretKey secret access key
 */
@Validated
@ConfigurationProperties("reviewstream.s3")
public record S3Properties(
        @NotBlank @DefaultValue("http://localhost:9000") String endpoint,
        @NotBlank @DefaultValue("us-east-1") String region,
        @NotBlank @DefaultValue("reviewstream") String accessKey,
        @NotBlank @DefaultValue("reviewstream-secret") String secretKey) {
}
