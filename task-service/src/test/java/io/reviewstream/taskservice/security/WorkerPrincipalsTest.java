package io.reviewstream.taskservice.security;

import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.signin.LocalUsers;
import io.reviewstream.schemas.signin.SignInProperties;
import io.reviewstream.taskservice.config.PortalProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPrincipalsTest {

    private final WorkerPrincipals principals = new WorkerPrincipals(
            new PortalProperties(null, "https://portal.test/workers", "cognito:groups", Duration.ofHours(1), null, List.of(),
                    new SignInProperties(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(5), 10_000)));

    @Test
    void anOidcWorkerIsKnownByIssuerAndSubjectWithGroupsFromTheConfiguredClaim() {
        OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), Map.of(
                "iss", "https://idp.test", "sub", "user-123", "preferred_username", "alice",
                "cognito:groups", List.of("reviewers", "admins")));
        DefaultOidcUser user = new DefaultOidcUser(List.of(new OidcUserAuthority(token)), token);
        OAuth2AuthenticationToken authentication = new OAuth2AuthenticationToken(user, user.getAuthorities(), "idp");

        WorkerIdentity identity = principals.identity(authentication);
        assertThat(identity.getIssuer()).isEqualTo("https://idp.test");
        assertThat(identity.getSubject()).isEqualTo("user-123");
        assertThat(identity.getIdentityProviderType()).isEqualTo("Oidc");
        assertThat(identity.getWorkerId()).matches("[0-9a-f]{16}")
                .isEqualTo(principals.identity(authentication).getWorkerId());
        assertThat(principals.groups(authentication)).containsExactly("reviewers", "admins");
        assertThat(principals.displayName(authentication)).isEqualTo("alice");
    }

    @Test
    void builtInUsersComeFromTheUsersFileWithTheirGroups(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "# workers\n\ndemo-worker:$2a$04$abcdefghijklmnopqrstuu5s1J2pJ0wZbqkQyq1b0t2m3n4o5p6q7:"
                + "demo-reviewers, second\n");
        UserDetails user = LocalUsers.load(file).get(0);
        UsernamePasswordAuthenticationToken authentication =
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());

        assertThat(principals.groups(authentication)).containsExactlyInAnyOrder("demo-reviewers", "second");
        assertThat(principals.identity(authentication).getIssuer()).isEqualTo("https://portal.test/workers");
        assertThat(principals.identity(authentication).getSubject()).isEqualTo("demo-worker");
    }

    @Test
    void aUsersFileLineWithoutABcryptHashIsRefusedWithItsLineNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "ok:$2a$04$abc:g\nbroken:plaintext:g\n");
        assertThatThrownBy(() -> LocalUsers.load(file)).hasMessageContaining("line 2");
    }
}
