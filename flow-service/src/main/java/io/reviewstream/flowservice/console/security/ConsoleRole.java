package io.reviewstream.flowservice.console.security;

import io.reviewstream.flowservice.console.config.ConsoleProperties;
import io.reviewstream.schemas.signin.SignInGroups;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

import java.util.List;

/** What a signed-in user may do in the console, from their groups. */
public enum ConsoleRole {

    /** Sees and changes everything. */
    OPERATOR,
    /** Sees everything, changes nothing. */
    VIEWER,
    /** Signed in, but in neither group: a worker, refused everything. */
    NONE;

    public boolean canView() {
        return this != NONE;
    }

    public boolean canChange() {
        return this == OPERATOR;
    }

    /** Operator wins over viewer for a user in both groups. */
    public static ConsoleRole of(Authentication authentication, ConsoleProperties console) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return NONE;
        }
        List<String> groups = SignInGroups.of(authentication, console.groupsClaim());
        if (groups.contains(console.operatorGroup())) {
            return OPERATOR;
        }
        return groups.contains(console.viewerGroup()) ? VIEWER : NONE;
    }
}
