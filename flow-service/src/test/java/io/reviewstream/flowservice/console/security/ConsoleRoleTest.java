package io.reviewstream.flowservice.console.security;

import io.reviewstream.flowservice.console.config.ConsoleProperties;
import io.reviewstream.schemas.signin.LocalUsers;
import io.reviewstream.schemas.signin.SignInProperties;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleRoleTest {

    private final ConsoleProperties console = new ConsoleProperties(null, "ops", "watchers", "roles",
            new SignInProperties(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(5), 100));

    @Test
    void builtInUsersGetTheRoleOfTheirGroupsAndOperatorWins() {
        assertThat(ConsoleRole.of(local("ops"), console)).isEqualTo(ConsoleRole.OPERATOR);
        assertThat(ConsoleRole.of(local("watchers"), console)).isEqualTo(ConsoleRole.VIEWER);
        assertThat(ConsoleRole.of(local("watchers", "ops"), console)).isEqualTo(ConsoleRole.OPERATOR);
        assertThat(ConsoleRole.of(local("demo-reviewers"), console)).isEqualTo(ConsoleRole.NONE);
        assertThat(ConsoleRole.VIEWER.canView()).isTrue();
        assertThat(ConsoleRole.VIEWER.canChange()).isFalse();
        assertThat(ConsoleRole.NONE.canView()).isFalse();
    }

    @Test
    void oidcUsersGetTheRoleOfTheGroupsInTheConfiguredClaim() {
        assertThat(ConsoleRole.of(oidc(Map.of("roles", List.of("watchers"))), console)).isEqualTo(ConsoleRole.VIEWER);
        assertThat(ConsoleRole.of(oidc(Map.of("roles", "staff ops")), console)).isEqualTo(ConsoleRole.OPERATOR);
        assertThat(ConsoleRole.of(oidc(Map.of("groups", List.of("ops"))), console)).isEqualTo(ConsoleRole.NONE);
    }

    @Test
    void nobodySignedInHasNoRole() {
        assertThat(ConsoleRole.of(null, console)).isEqualTo(ConsoleRole.NONE);
        assertThat(ConsoleRole.of(new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")), console)).isEqualTo(ConsoleRole.NONE);
    }

    private static UsernamePasswordAuthenticationToken local(String... groups) {
        return UsernamePasswordAuthenticationToken.authenticated("someone", null, Arrays.stream(groups)
                .map(g -> new SimpleGrantedAuthority(LocalUsers.GROUP_PREFIX + g)).toList());
    }

    private static OAuth2AuthenticationToken oidc(Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("sub", "subject-1");
        all.put("iss", "https://idp.test");
        OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), all);
        DefaultOidcUser user = new DefaultOidcUser(List.of(new OidcUserAuthority(token)), token);
        return new OAuth2AuthenticationToken(user, user.getAuthorities(), "idp");
    }
}
