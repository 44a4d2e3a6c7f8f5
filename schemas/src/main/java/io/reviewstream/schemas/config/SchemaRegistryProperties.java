package io.reviewstream.schemas.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * How the services authenticate to the schema registry and which certificates they trust, in the Confluent
 * clients' convention ({@code basic.auth.credentials.source}, {@code basic.auth.user.info},
 * {@code bearer.auth.token}), so that a registry's documented settings carry over.
 *
 * @param basicAuthCredentialsSource where HTTP basic credentials come from: {@code url} (the user info of
 *                                   {@code reviewstream.kafka.schema-registry-url}, if any) or {@code user-info}
 * @param basicAuthUserInfo          {@code user:password}, for {@code user-info}
 * @param bearerAuthToken            a static bearer token, instead of basic credentials
 * @param trustStoreLocation         trust store of the registry's CA, else the JVM's default trust
 * @param trustStorePassword         its password
 * @param trustStoreType             its type
 */
@Validated
@ConfigurationProperties("reviewstream.schema-registry")
public record SchemaRegistryProperties(
        @NotNull @DefaultValue("url") CredentialsSource basicAuthCredentialsSource,
        String basicAuthUserInfo,
        String bearerAuthToken,
        Resource trustStoreLocation,
        String trustStorePassword,
        @NotBlank @DefaultValue("PKCS12") String trustStoreType) {

    public enum CredentialsSource {
        URL, USER_INFO
    }

    @AssertTrue(message = "basic-auth-user-info must be user:password when basic-auth-credentials-source is user-info")
    public boolean isUserInfoComplete() {
        return basicAuthCredentialsSource != CredentialsSource.USER_INFO
                || (basicAuthUserInfo != null && basicAuthUserInfo.indexOf(':') > 0);
    }

    @AssertTrue(message = "bearer-auth-token and basic-auth-credentials-source user-info exclude each other")
    public boolean isOneKindOfCredentials() {
        return bearerAuthToken == null || bearerAuthToken.isBlank()
                || basicAuthCredentialsSource != CredentialsSource.USER_INFO;
    }
}
