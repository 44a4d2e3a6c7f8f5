package io.reviewstream.taskservice.config;

import io.reviewstream.schemas.signin.SignInProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Worker sign-in and the worker page.
 *
 * @param usersFile      built-in users, one per line {@code username:bcrypt-hash:group1,group2}; unset in a
 *                       deployment that signs workers in with OpenID Connect
 * @param issuer         the identity issuer recorded in output.json for built-in users
 * @param groupsClaim    the ID-token (or user-info) claim that lists an OIDC worker's groups
 * @param presignExpiry  how long the object URLs that {@code grant_read_access} puts on a worker page stay valid
 * @param presignEndpoint the object store's endpoint as the workers' browsers reach it, which those URLs point at
 *                        and are signed for; unset, the service's own {@code reviewstream.s3.endpoint}. They differ
 *                        when the service reaches the store by an internal name (a compose or cluster host name)
 * @param scriptOrigins   origins ({@code https://cdn.example}) from which a template's {@code <script src>} may
 *                        load on the worker page; none by default, so a page needs no network beyond the service
 * @param signIn          throttling of password sign-in ({@link SignInProperties})
 */
@Validated
@ConfigurationProperties("reviewstream.portal")
public record PortalProperties(
        String usersFile,
        @NotBlank @DefaultValue("https://reviewstream.local/workers") String issuer,
        @NotBlank @DefaultValue("groups") String groupsClaim,
        @NotNull @DefaultValue("1h") Duration presignExpiry,
        @Pattern(regexp = "https?://[^/?#\\s]+/?", message = "must be an http(s) endpoint URL without a path")
        String presignEndpoint,
        @NotNull @DefaultValue List<@Pattern(regexp = "https?://[^/?#\\s]+/?",
                message = "must be an origin such as https://cdn.example") String> scriptOrigins,
        @Valid @NotNull @DefaultValue SignInProperties signIn) {

    /** The endpoint grant_read_access presigns against: {@link #presignEndpoint}, else the service's S3 endpoint. */
    public String presignEndpointOr(String s3Endpoint) {
        return presignEndpoint == null || presignEndpoint.isBlank() ? s3Endpoint : presignEndpoint;
    }
}
