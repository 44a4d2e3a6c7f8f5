package io.reviewstream.templates;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.Http;
import java.util.concurrent.TimeUnit;

/**
 * Grants read access by presigning a GET for the referenced object in the configured S3-compatible store.
 * Presigning is a local computation (the region is fixed, so the client never asks the server); one instance
 * is thread-safe and meant to be shared.
 */
public final class S3ReadAccessGranter implements ReadAccessGranter {

    private final MinioClient client;
    private final int expirySeconds;

    public S3ReadAccessGranter(S3PresignSettings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
        this.expirySeconds = Math.toIntExact(settings.expiry().toSeconds());
    }

    @Override
    public String grant(String objectUri) {
        S3Location location = S3Location.parse(objectUri);
        try {
            return client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Http.Method.GET)
                    .bucket(location.bucket())
                    .object(location.key())
                    .expiry(expirySeconds, TimeUnit.SECONDS)
                    .build());
        } catch (Exception e) {
            throw new ReadAccessException("cannot presign " + objectUri + ": " + e.getMessage(), e);
        }
    }
}
