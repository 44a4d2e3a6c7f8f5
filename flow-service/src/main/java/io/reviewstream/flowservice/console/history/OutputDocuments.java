package io.reviewstream.flowservice.console.history;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.Http;
import io.reviewstream.schemas.config.S3Properties;
import io.reviewstream.schemas.tls.TrustStore;
import io.reviewstream.templates.S3Location;

import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a loop's {@code output.json} from the object store. Only the URI the loop's own completion named is ever
 * asked for, so the console cannot be used to read any other object the service's key can.
 */
public final class OutputDocuments {

    private final MinioClient client;
    private final int maxBytes;

    public OutputDocuments(S3Properties s3, int maxBytes) {
        MinioClient.Builder builder = MinioClient.builder().endpoint(s3.endpoint()).region(s3.region())
                .credentials(s3.accessKey(), s3.secretKey());
        if (s3.trustStoreLocation() != null) {
            TrustStore trust = TrustStore.load(s3.trustStoreLocation(), s3.trustStorePassword(),
                    s3.trustStoreType(), "reviewstream.s3.trust-store-location");
            builder.httpClient(Http.newDefaultClient().newBuilder()
                    .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager()).build(), true);
        }
        this.client = builder.build();
        this.maxBytes = maxBytes;
    }

    /** The document's bytes, at most {@code maxBytes} of them, or empty when it cannot be read (with why). */
    public Read read(String outputS3Uri) {
        try {
            S3Location location = S3Location.parse(outputS3Uri);
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(location.bucket())
                    .object(location.key()).build())) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                return bytes.length > maxBytes ? new Read(Optional.empty(), "larger than " + maxBytes + " bytes")
                        : new Read(Optional.of(bytes), null);
            }
        } catch (Exception e) {
            return new Read(Optional.empty(), e.getMessage());
        }
    }

    public record Read(Optional<byte[]> bytes, String failure) {
    }
}
