package io.reviewstream.schemas.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Stands in front of password sign-in (the form's POST and HTTP Basic): an attempt for a locked-out username or
 * from a locked-out address is refused with 429 and Retry-After before its password is checked. Failures and
 * successes are counted from Spring Security's authentication events ({@link SignInThrottleListener}).
 */
public final class SignInThrottleFilter extends OncePerRequestFilter {

    /** Writes a refusal in the service's own error shape. */
    @FunctionalInterface
    public interface Refusal {
        void write(HttpServletResponse response, int status, String code, String message) throws IOException;
    }

    private final SignInThrottle throttle;
    private final RequestMatcher formSignIn;
    private final Refusal refusal;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    public SignInThrottleFilter(SignInThrottle throttle, String loginProcessingUrl, Refusal refusal) {
        this.throttle = throttle;
        this.refusal = refusal;
        this.formSignIn = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, loginProcessingUrl);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = attemptedUsername(request);
        if (username != null) {
            Duration refused = throttle.refusal(username, request.getRemoteAddr());
            if (!refused.isZero()) {
                long seconds = Math.max(1, (refused.toMillis() + 999) / 1000);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                refusal.write(response, HttpStatus.TOO_MANY_REQUESTS.value(), "TooManySignInAttempts",
                        "Too many failed sign-ins for this user or from this address; try again later");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The username a request tries to sign in with, or null if it carries no password. */
    private String attemptedUsername(HttpServletRequest request) {
        if (formSignIn.matches(request)) {
            String username = request.getParameter("username");
            return username == null ? "" : username;
        }
        try {
            UsernamePasswordAuthenticationToken credentials = basic.convert(request);
            return credentials == null ? null : credentials.getName();
        } catch (AuthenticationException malformed) {
            // the Basic filter refuses it
            return null;
        }
    }
}
