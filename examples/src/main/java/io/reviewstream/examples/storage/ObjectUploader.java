package io.reviewstream.examples.storage;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.reviewstream.examples.kit.StoredObject;

import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Puts a batch's objects into an S3-compatible store, creating a bucket that is not there yet. */
public final class ObjectUploader {

    private final MinioClient s3;

    public ObjectUploader(String endpoint, String region, String accessKey, String secretKey) {
        this.s3 = MinioClient.builder().endpoint(endpoint).region(region).credentials(accessKey, secretKey).build();
    }

    public void upload(List<StoredObject> objects) throws Exception {
        Set<String> buckets = new HashSet<>();
        for (StoredObject object : objects) {
            if (buckets.add(object.bucket())
                    && !s3.bucketExists(BucketExistsArgs.builder().bucket(object.bucket()).build())) {
                s3.makeBucket(MakeBucketArgs.builder().bucket(object.bucket()).build());
            }
            s3.putObject(PutObjectArgs.builder().bucket(object.bucket()).object(object.key())
                    .contentType(object.contentType())
                    .stream(new ByteArrayInputStream(object.bytes()), (long) object.bytes().length, -1L).build());
        }
    }
}
