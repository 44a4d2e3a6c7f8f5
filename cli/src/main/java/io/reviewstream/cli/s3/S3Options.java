package io.reviewstream.cli.s3;

import io.minio.MinioClient;
import picocli.CommandLine.Option;

/** The object store the outputs and manifests are written to; the defaults are the standalone mode's S3 server. */
public final class S3Options {

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            defaultValue = "${env:REVIEWSTREAM_S3_ENDPOINT:-http://localhost:9000}",
            description = "S3 endpoint of the output bucket (env REVIEWSTREAM_S3_ENDPOINT; default: ${DEFAULT-VALUE})")
    String endpoint;

    @Option(names = "--s3-access-key", paramLabel = "KEY",
            defaultValue = "${env:REVIEWSTREAM_S3_ACCESS_KEY:-reviewstream}",
            description = "env REVIEWSTREAM_S3_ACCESS_KEY; default: the standalone mode's")
    String accessKey;

    @Option(names = "--s3-secret-key", paramLabel = "SECRET",
            defaultValue = "${env:REVIEWSTREAM_S3_SECRET_KEY:-reviewstream-secret}",
            description = "env REVIEWSTREAM_S3_SECRET_KEY; default: the standalone mode's")
    String secretKey;

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "default: ${DEFAULT-VALUE}")
    String region;

    public MinioClient client() {
        return MinioClient.builder().endpoint(endpoint).region(region).credentials(accessKey, secretKey).build();
    }
}
