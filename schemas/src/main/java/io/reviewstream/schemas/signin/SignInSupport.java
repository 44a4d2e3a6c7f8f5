package io.reviewstream.schemas.signin;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

/** The parts of a browser sign-in that the worker portal and the console set up alike. */
public final class SignInSupport {

    private SignInSupport() {
    }

    /**
     * The CSRF token in the {@code XSRF-TOKEN} cookie, readable by the pages' scripts that echo it in
     * {@code X-XSRF-TOKEN}; sent on same-site requests and top-level navigations only, like the session cookie.
     */
    public static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository cookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
        cookie.setCookieCustomizer(c -> c.sameSite("Lax"));
        return cookie;
    }

    /** {@link #csrfCookie()} under a name and path of its own, for pages that share a host with the portal. */
    public static CookieCsrfTokenRepository csrfCookie(String name, String path) {
        CookieCsrfTokenRepository cookie = csrfCookie();
        cookie.setCookieName(name);
        cookie.setCookiePath(path);
        return cookie;
    }

    /** The built-in users of {@code usersFile} ({@link LocalUsers}), or none when it is not set. */
    public static UserDetailsService localUsers(String usersFile) {
        return new InMemoryUserDetailsManager(usersFile == null || usersFile.isBlank() ? List.of()
                : LocalUsers.load(Path.of(usersFile)));
    }

    /** bcrypt (and the other encodings Spring Security knows), with matches remembered ({@link VerifiedPasswords}). */
    public static PasswordEncoder passwordEncoder() {
        return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /** The one OIDC client registration that users sign in with (the one with the authorization-code grant). */
    public static String signInRegistration(ClientRegistrationRepository repository) {
        List<String> ids = repository instanceof Iterable<?> all
                ? StreamSupport.stream(all.spliterator(), false).map(ClientRegistration.class::cast)
                .filter(r -> AuthorizationGrantType.AUTHORIZATION_CODE.equals(r.getAuthorizationGrantType()))
                .map(ClientRegistration::getRegistrationId).toList()
                : List.of();
        if (ids.size() != 1) {
            throw new IllegalStateException("Users sign in with exactly one OpenID Connect client registration "
                    + "(authorization_code grant) in spring.security.oauth2.client.registration.*; found " + ids);
        }
        return ids.get(0);
    }
}
