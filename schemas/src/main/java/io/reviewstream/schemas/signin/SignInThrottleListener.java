package io.reviewstream.schemas.signin;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Feeds {@link SignInThrottle} from Spring Security's authentication events: a wrong password (or an unknown
 * username, which Spring Security reports the same way) counts for the username and the client address; a
 * successful password sign-in clears the username's failures.
 */
public final class SignInThrottleListener {

    private final SignInThrottle throttle;

    public SignInThrottleListener(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt) {
            throttle.failed(attempt.getName(), attempt.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress() : null);
        }
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn) {
            throttle.succeeded(signedIn.getName());
        }
    }
}
