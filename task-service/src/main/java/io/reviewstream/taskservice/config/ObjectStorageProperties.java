package io.reviewstream.taskservice.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The S3-compatible store that task inputs point into, for presigning {@code grant_read_access} URLs on worker
 * pages. Without an endpoint, templates render without object access (the filter reports a render error).
 */
@ConfigurationProperties("reviewstream.s3")
public record ObjectStorageProperties(
        String endpoint,
        @DefaultValue("us-east-1") String region,
        String accessKey,
        String secretKey) {

    public boolean configured() {
        return endpoint != null && !endpoint.isBlank() && accessKey != null && secretKey != null;
    }
}
