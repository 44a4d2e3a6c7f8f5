package io.reviewstream.taskservice.security;

import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.schemas.signin.SignInGroups;
import io.reviewstream.taskservice.config.PortalProperties;
import io.reviewstream.taskservice.domain.Workers;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;

/**
 * Who a signed-in worker is, for output.json, and which groups name their teams. OIDC workers are known by their
 * token's issuer and subject and bring their groups in a claim; built-in users carry their groups as authorities
 * and are reported under the portal's own issuer.
 */
public final class WorkerPrincipals {

    static final String IDENTITY_PROVIDER_TYPE = "Oidc";

    private final PortalProperties portal;

    public WorkerPrincipals(PortalProperties portal) {
        this.portal = portal;
    }

    public WorkerIdentity identity(Authentication authentication) {
        if (authentication.getPrincipal() instanceof OidcUser oidc) {
            return Workers.identity(IDENTITY_PROVIDER_TYPE, String.valueOf(oidc.getIssuer()), oidc.getSubject());
        }
        return Workers.identity(IDENTITY_PROVIDER_TYPE, portal.issuer(), authentication.getName());
    }

    public String displayName(Authentication authentication) {
        if (authentication.getPrincipal() instanceof OidcUser oidc) {
            String name = oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : oidc.getEmail();
            return name != null ? name : oidc.getSubject();
        }
        return authentication.getName();
    }

    public List<String> groups(Authentication authentication) {
        return SignInGroups.of(authentication, portal.groupsClaim());
    }
}
