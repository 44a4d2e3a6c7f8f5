package io.reviewstream.resultwriter.storage;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.reviewstream.resultwriter.config.S3Properties;
import io.reviewstream.resultwriter.domain.OutputLocation;

import java.io.ByteArrayInputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Writes objects through the MinIO client, so the same code serves S3Proxy, MinIO and AWS S3. */
public final class ObjectStore {

    private final MinioClient client;
    private final Set<String> knownBuckets = ConcurrentHashMap.newKeySet();

    public ObjectStore(S3Properties properties) {
        this.client = MinioClient.builder()
                .endpoint(properties.endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .build();
    }

    /** Puts the object, creating its bucket first if needed; the same key and bytes may be written any number of times. */
    public void put(OutputLocation location, byte[] bytes, String contentType) throws Exception {
        ensureBucket(location.bucket());
        client.putObject(PutObjectArgs.builder()
                .bucket(location.bucket())
                .object(location.key())
                .contentType(contentType)
                .stream(new ByteArrayInputStream(bytes), (long) bytes.length, null)
                .build());
    }

    private void ensureBucket(String bucket) throws Exception {
        if (knownBuckets.contains(bucket)) {
            return;
        }
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        knownBuckets.add(bucket);
    }
}
