package io.reviewstream.templates;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.Http;
import java.util.concurrent.TimeUnit;

/**
 * Grants read access by presigning a GET for the referenced object in the configured S3-compatible store, if the
 * object lies in one of the {@link ReadableLocations}.
 * Presigning is a local computation (the region is fixed, so the client never asks the server); one instance
 * is thread-safe and meant to be shared.
 */
public final class S3ReadAccessGranter implements ReadAccessGranter {

    private final MinioClient client;
    private final int expirySeconds;
    private final ReadableLocations readable;

    public S3ReadAccessGranter(S3PresignSettings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
        this.expirySeconds = Math.toIntExact(settings.expiry().toSeconds());
        this.readable = settings.readable();
    }

    @Override
    public String grant(String objectUri) {
        S3Location location = S3Location.parse(objectUri);
        if (!readable.permits(location)) {
            throw new ReadAccessException(objectUri + " is outside the locations templates may read (bucket "
                    + location.bucket() + ")");
        }
        try {
            return client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Http.Method.GET)
                    .bucket(location.bucket())
                    .object(location.key())
                    .expiry(expirySeconds, TimeUnit.SECONDS)
                    .build());
        } catch (Exception e) {
            // the client's reasons name its internals; the reference is what the author can act on
            throw new ReadAccessException("cannot presign " + objectUri, e);
        }
    }
}
