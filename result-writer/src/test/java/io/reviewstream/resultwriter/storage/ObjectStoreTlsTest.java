package io.reviewstream.resultwriter.storage;

import io.reviewstream.embedded.EmbeddedInfraConfig;
import io.reviewstream.embedded.S3Server;
import io.reviewstream.embedded.TestCertificates;
import io.reviewstream.resultwriter.domain.OutputLocation;
import io.reviewstream.schemas.config.S3Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Object storage behind TLS with a private CA: reachable with its trust store, refused without it. */
class ObjectStoreTlsTest {

    private static final String BUCKET = "tls-output";

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static S3Server s3;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.generate(dir.resolve("certificates"), "s3");
        s3 = new S3Server(dir.resolve("s3"), 0, EmbeddedInfraConfig.DEFAULT_S3_ACCESS_KEY,
                EmbeddedInfraConfig.DEFAULT_S3_SECRET_KEY).withTls(certificates).start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static ObjectStore store(Resource trustStore) {
        return new ObjectStore(new S3Properties(s3.tlsEndpoint(), S3Server.REGION, s3.accessKey(), s3.secretKey(),
                S3Properties.Encryption.NONE, null, List.of(), trustStore, certificates.password(), "PKCS12"), false);
    }

    @Test
    void theTrustStoreOfTheEndpointsCaLetsTheWriterIn() throws Exception {
        ObjectStore store = store(new FileSystemResource(certificates.trustStore()));
        store.put(new OutputLocation(BUCKET, "a/output.json"), "{\"ok\":true}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(new String(store.get(BUCKET, "a/output.json"), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    }

    @Test
    void withoutItTheHandshakeIsRefused() {
        ObjectStore store = store(null);
        assertThatThrownBy(() -> store.put(new OutputLocation(BUCKET, "b/output.json"), new byte[]{1},
                "application/octet-stream")).hasStackTraceContaining("CertificateException");
    }

    @Test
    void anUnreadableTrustStoreNamesTheSetting() {
        assertThatThrownBy(() -> store(new FileSystemResource(dir.resolve("missing.p12"))))
                .hasMessageContaining("reviewstream.s3.trust-store-location");
    }
}
