package io.reviewstream.taskservice.security;

import io.reviewstream.schemas.avro.WorkerIdentity;
import io.reviewstream.taskservice.config.PortalProperties;
import io.reviewstream.taskservice.domain.Workers;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.List;

/** Who a signed-in worker is, for output.json, and which groups name their teams. */
public final class WorkerPrincipals {

    private final PortalProperties portal;

    public WorkerPrincipals(PortalProperties portal) {
        this.portal = portal;
    }

    public WorkerIdentity identity(Authentication authentication) {
        return Workers.identity("Oidc", portal.issuer(), authentication.getName());
    }

    public List<String> groups(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(LocalUsers.GROUP_PREFIX))
                .map(a -> a.substring(LocalUsers.GROUP_PREFIX.length()))
                .toList();
    }
}
