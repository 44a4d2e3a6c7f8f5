package io.reviewstream.schemas.signin;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.Collection;
import java.util.List;

/**
 * The groups a signed-in user belongs to, whichever way they signed in: OIDC users bring them in a claim of their
 * token, built-in users carry them as {@link LocalUsers#GROUP_PREFIX} authorities. The worker portal maps them to
 * work teams, the console to its roles.
 */
public final class SignInGroups {

    private SignInGroups() {
    }

    /** @param groupsClaim the ID-token (or user-info) claim that lists an OIDC user's groups */
    public static List<String> of(Authentication authentication, String groupsClaim) {
        if (authentication.getPrincipal() instanceof OidcUser oidc) {
            Object claim = oidc.getClaims().get(groupsClaim);
            if (claim instanceof Collection<?> values) {
                return values.stream().map(String::valueOf).toList();
            }
            // some providers send a single group, or a comma- or space-separated list, as one string
            return claim == null ? List.of() : List.of(String.valueOf(claim).split("[,\\s]+"));
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(LocalUsers.GROUP_PREFIX))
                .map(a -> a.substring(LocalUsers.GROUP_PREFIX.length()))
                .toList();
    }
}
