package io.reviewstream.resultwriter.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.ServerSideEncryption;
import io.minio.errors.ErrorResponseException;
import io.reviewstream.schemas.config.S3Properties;
import io.reviewstream.resultwriter.domain.OutputLocation;
import io.reviewstream.schemas.s3.InvalidS3NameException;
import io.reviewstream.schemas.s3.S3Names;
import io.reviewstream.schemas.tls.TrustStore;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Writes objects through the MinIO client, so the same code serves S3Proxy, MinIO and AWS S3. */
public final class ObjectStore {

    private final MinioClient client;
    private final S3Properties properties;
    private final boolean createBuckets;
    private final Set<String> knownBuckets = ConcurrentHashMap.newKeySet();

    /** {@code createBuckets}: create a missing bucket before the first write to it, else the write fails. */
    public ObjectStore(S3Properties properties, boolean createBuckets) {
        this.properties = properties;
        this.createBuckets = createBuckets;
        MinioClient.Builder client = MinioClient.builder()
                .endpoint(properties.endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey());
        if (properties.trustStoreLocation() != null) {
            TrustStore trust = TrustStore.load(properties.trustStoreLocation(), properties.trustStorePassword(),
                    properties.trustStoreType(), "reviewstream.s3.trust-store-location");
            // the MinIO client's own HTTP settings (timeouts), with the private CA's trust
            client.httpClient(Http.newDefaultClient().newBuilder()
                    .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager()).build(), true);
        }
        this.client = client.build();
    }

    /**
     * Puts the object, creating its bucket first if so configured; the same key and bytes may be written any number
     * of times. A bucket name or key that breaks S3's rules throws {@link InvalidS3NameException} before anything
     * is sent.
     */
    public void put(OutputLocation location, byte[] bytes, String contentType) throws Exception {
        put(location, bytes, contentType, null);
    }

    /** As {@link #put(OutputLocation, byte[], String)}, encrypted as configured; {@code kmsKeyId} is the flow's. */
    public void put(OutputLocation location, byte[] bytes, String contentType, String kmsKeyId) throws Exception {
        S3Names.checkBucket(location.bucket());
        S3Names.checkKey(location.key());
        if (createBuckets) {
            ensureBucket(location.bucket());
        }
        PutObjectArgs.Builder put = PutObjectArgs.builder()
                .bucket(location.bucket())
                .object(location.key())
                .contentType(contentType)
                .stream(new ByteArrayInputStream(bytes), (long) bytes.length, null);
        switch (properties.encryption()) {
            case SSE_S3 -> put.sse(new ServerSideEncryption.S3());
            case SSE_KMS -> put.sse(new ServerSideEncryption.KMS(kmsKeyId != null ? kmsKeyId : properties.kmsKeyId(),
                    null));
            case NONE -> {
            }
        }
        client.putObject(put.build());
    }

    /** The keys under {@code prefix}, in lexicographic order; none when the bucket does not exist. */
    public List<String> list(String bucket, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(item.get().objectName());
            }
        } catch (ErrorResponseException e) {
            if (!"NoSuchBucket".equals(e.errorResponse().code())) {
                throw e;
            }
        }
        keys.sort(null);
        return keys;
    }

    public byte[] get(String bucket, String key) throws Exception {
        try (var in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private void ensureBucket(String bucket) throws Exception {
        if (knownBuckets.contains(bucket)) {
            return;
        }
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            try {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            } catch (ErrorResponseException e) {
                // another writer instance created it in between
                if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                    throw e;
                }
            }
        }
        knownBuckets.add(bucket);
    }
}
