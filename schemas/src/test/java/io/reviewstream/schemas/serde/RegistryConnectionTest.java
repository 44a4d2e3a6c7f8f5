package io.reviewstream.schemas.serde;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.reviewstream.embedded.TestCertificates;
import io.reviewstream.schemas.config.SchemaRegistryProperties;
import io.reviewstream.schemas.config.SchemaRegistryProperties.CredentialsSource;
import io.reviewstream.schemas.config.SchemasAutoConfiguration;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.FileSystemResource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryConnectionTest {

    private static final String URL = "https://registry.example:8443/apis/ccompat/v7";

    @TempDir
    Path dir;

    private static SchemaRegistryProperties access(CredentialsSource source, String userInfo, String token) {
        return new SchemaRegistryProperties(source, userInfo, token, null, null, "PKCS12");
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes());
    }

    @Test
    void userInfoCredentialsAreSentAsBasicAuth() {
        RegistryConnection connection = RegistryConnection.of(URL, access(CredentialsSource.USER_INFO, "rs:s3cr:et",
                null));
        assertThat(connection.baseUrl()).isEqualTo(URL);
        assertThat(connection.authorization()).contains(basic("rs:s3cr:et"));
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndLeaveTheAddress() {
        RegistryConnection connection = RegistryConnection.of("https://rs:secret@registry.example:8443/apis/ccompat/v7",
                access(CredentialsSource.URL, null, null));
        assertThat(connection.baseUrl()).isEqualTo(URL);
        assertThat(connection.authorization()).contains(basic("rs:secret"));
    }

    @Test
    void aBearerTokenIsSentAsSuch() {
        assertThat(RegistryConnection.of(URL, access(CredentialsSource.URL, null, "eyJ.token")).authorization())
                .contains("Bearer eyJ.token");
        assertThat(RegistryConnection.of(URL, access(CredentialsSource.URL, null, null)).authorization()).isEmpty();
    }

    @Test
    void incompleteCredentialsStopTheStartNamingTheSetting() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SchemasAutoConfiguration.class))
                .withPropertyValues("spring.kafka.admin.auto-create=false", "reviewstream.kafka.startup-check-timeout=0s",
                        "reviewstream.schema-registry.basic-auth-credentials-source=user-info",
                        "reviewstream.schema-registry.basic-auth-user-info=no-password")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("basic-auth-user-info must be user:password"));
    }

    /** Over TLS with the registry's own CA: trusted only through the trust store, and the credentials arrive. */
    @Test
    void theTrustStoreAndTheCredentialsReachTheRegistry() throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir, "registry");
        AtomicReference<String> received = new AtomicReference<>();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(certificates)));
        server.createContext("/", exchange -> {
            received.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders("Bearer good".equals(received.get()) ? 404 : 401, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
            SchemaRegistryProperties trusted = new SchemaRegistryProperties(CredentialsSource.URL, null, "good",
                    new FileSystemResource(certificates.trustStore()), certificates.password(), "PKCS12");

            assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(url, trusted)).schemaById(1))
                    .isInstanceOf(SerializationException.class).hasMessageContaining("answered 404");
            assertThat(received.get()).isEqualTo("Bearer good");

            SchemaRegistryProperties wrongToken = new SchemaRegistryProperties(CredentialsSource.URL, null, "bad",
                    new FileSystemResource(certificates.trustStore()), certificates.password(), "PKCS12");
            assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(url, wrongToken)).schemaById(1))
                    .hasMessageContaining("refused the credentials").hasMessageContaining("bearer-auth-token");

            received.set(null);
            assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(url,
                    access(CredentialsSource.URL, null, "good"))).schemaById(1))
                    .hasMessageContaining("unreachable");
            assertThat(received.get()).as("no request passes an untrusted handshake").isNull();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreadableTrustStoreNamesTheSetting() {
        SchemaRegistryProperties missing = new SchemaRegistryProperties(CredentialsSource.URL, null, null,
                new FileSystemResource(dir.resolve("missing.p12")), "changeit", "PKCS12");
        assertThatThrownBy(() -> RegistryConnection.of(URL, missing))
                .hasMessageContaining("reviewstream.schema-registry.trust-store-location");
    }

    private static SSLContext serverContext(TestCertificates certificates) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.keyStore())) {
            keyStore.load(in, certificates.password().toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, certificates.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
