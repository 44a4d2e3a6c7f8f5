package io.reviewstream.flowservice.console.config;

import io.reviewstream.schemas.signin.SignInProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's console under {@code /console/}: who may sign in and what each may do. Users sign in as they do to
 * the worker portal, with the built-in users file or with OpenID Connect
 * ({@code spring.security.oauth2.client.registration.*}); their groups decide their role. A signed-in user in
 * neither group (a worker) is refused every console page and call.
 *
 * @param usersFile     built-in users, one per line {@code username:bcrypt-hash:group1,group2} (the portal's format;
 *                      the standalone mode uses one file for both); unset with OpenID Connect
 * @param operatorGroup members see everything and change everything the console changes
 * @param viewerGroup   members see everything and change nothing
 * @param groupsClaim   the ID-token (or user-info) claim that lists an OIDC user's groups
 * @param signIn        throttling of password sign-in
 */
@Validated
@ConfigurationProperties("reviewstream.console")
public record ConsoleProperties(
        String usersFile,
        @NotBlank @DefaultValue("reviewstream-operators") String operatorGroup,
        @NotBlank @DefaultValue("reviewstream-viewers") String viewerGroup,
        @NotBlank @DefaultValue("groups") String groupsClaim,
        @Valid @NotNull @DefaultValue SignInProperties signIn) {
}
