package io.reviewstream.schemas.serde;

import io.reviewstream.schemas.config.SchemaRegistryProperties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
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
        if (registry.trustStoreLocation() == null) {
            return Optional.empty();
        }
        try (InputStream in = registry.trustStoreLocation().getInputStream()) {
            KeyStore trustStore = KeyStore.getInstance(registry.trustStoreType());
            trustStore.load(in, registry.trustStorePassword() == null ? null
                    : registry.trustStorePassword().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("reviewstream.schema-registry.trust-store-location: cannot read the trust "
                    + "store " + registry.trustStoreLocation().getDescription() + ": " + e.getMessage(), e);
        }
    }
}
