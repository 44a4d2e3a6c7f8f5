package io.reviewstream.taskservice.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Worker sign-in and the worker page.
 *
 * @param usersFile      built-in users, one per line {@code username:bcrypt-hash:group1,group2}; unset in a
 *                       deployment that signs workers in with OpenID Connect
 * @param issuer         the identity issuer recorded in output.json for built-in users
 * @param groupsClaim    the ID-token (or user-info) claim that lists an OIDC worker's groups
 * @param presignExpiry  how long the object URLs that {@code grant_read_access} puts on a worker page stay valid
 */
@Validated
@ConfigurationProperties("reviewstream.portal")
public record PortalProperties(
        String usersFile,
        @NotBlank @DefaultValue("https://reviewstream.local/workers") String issuer,
        @NotBlank @DefaultValue("groups") String groupsClaim,
        @NotNull @DefaultValue("1h") Duration presignExpiry) {
}
