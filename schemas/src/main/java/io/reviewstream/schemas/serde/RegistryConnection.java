package io.reviewstream.schemas.serde;

import io.reviewstream.schemas.config.SchemaRegistryProperties;
import io.reviewstream.schemas.tls.TrustStore;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the schema registry is and how to reach it: its address without credentials, the {@code Authorization}
 * header its requests carry, and the TLS context that trusts its certificate.
 *
 * @param baseUrl       the registry API's address, user info removed
 * @param authorization the {@code Authorization} header value, if the registry needs one
 * @param sslContext    the TLS context, if the registry's CA is not one the JVM trusts
 */
public record RegistryConnection(String baseUrl, Optional<String> authorization, Optional<SSLContext> sslContext) {

    public static RegistryConnection plain(String url) {
        return new RegistryConnection(url, Optional.empty(), Optional.empty());
    }

    public static RegistryConnection of(String url, SchemaRegistryProperties registry) {
        URI uri = URI.create(url);
        String userInfo = uri.getUserInfo();
        Optional<String> authorization = Optional.empty();
        if (registry.bearerAuthToken() != null && !registry.bearerAuthToken().isBlank()) {
            authorization = Optional.of("Bearer " + registry.bearerAuthToken());
        } else if (registry.basicAuthCredentialsSource() == SchemaRegistryProperties.CredentialsSource.USER_INFO) {
            authorization = Optional.of(basic(registry.basicAuthUserInfo()));
        } else if (userInfo != null) {
            authorization = Optional.of(basic(userInfo));
        }
        return new RegistryConnection(withoutUserInfo(uri), authorization, sslContext(registry));
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** Credentials in the address would otherwise show wherever the address is logged or reported. */
    private static String withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("reviewstream.kafka.schema-registry-url is not a valid URL", e);
        }
    }

    private static Optional<SSLContext> sslContext(SchemaRegistryProperties registry) {
        return Optional.ofNullable(registry.trustStoreLocation()).map(location -> TrustStore.load(location,
                registry.trustStorePassword(), registry.trustStoreType(),
                "reviewstream.schema-registry.trust-store-location").sslContext());
    }
}
