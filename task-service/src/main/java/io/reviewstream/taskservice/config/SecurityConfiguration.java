package io.reviewstream.taskservice.config;

import io.reviewstream.taskservice.security.LocalUsers;
import io.reviewstream.taskservice.security.VerifiedPasswords;
import io.reviewstream.taskservice.security.SignInThrottle;
import io.reviewstream.taskservice.security.SignInThrottleFilter;
import io.reviewstream.taskservice.security.SignInThrottleListener;
import io.reviewstream.taskservice.web.WorkerErrors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Workers sign in; the browser keeps a session protected against CSRF, scripts send HTTP Basic (which a browser
 * cannot be tricked into sending, so those requests need no CSRF token). In a deployment with an OpenID Connect
 * provider configured ({@code spring.security.oauth2.client.registration.*}), browsers are sent to sign in there.
 * Health and metrics stay open for probes and Prometheus, and the error page for every refusal. Password sign-in is
 * throttled per username and per address ({@link SignInThrottle}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String LOGIN_PROCESSING_URL = "/login";

    @Bean
    public SecurityFilterChain workerSecurity(HttpSecurity http,
                                              ObjectProvider<ClientRegistrationRepository> oidcProviders,
                                              SignInThrottle signInThrottle)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/actuator/info", "/login.html", "/css/**", "/js/login.js", "/js/csrf.js",
                                "/crowd/**", "/api/worker/csrf", "/error").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new SignInThrottleFilter(signInThrottle, LOGIN_PROCESSING_URL),
                        UsernamePasswordAuthenticationFilter.class)
                .httpBasic(Customizer.withDefaults())
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl(LOGIN_PROCESSING_URL)
                        .defaultSuccessUrl("/", true).failureUrl("/login.html?error").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login.html?signedout"))
                // API callers get 401 instead of a redirect to the sign-in page
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        (request, response, e) -> WorkerErrors.write(response, HttpStatus.UNAUTHORIZED.value(),
                                "NotSignedIn", "Sign in first"),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**")))
                // The token travels in the XSRF-TOKEN cookie, which the portal's scripts read and echo in
                // X-XSRF-TOKEN, and in the worker page and forms as is: one unmasked value everywhere. (Masking
                // guards against BREACH, which needs compressed responses; the service does not compress.)
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(request -> {
                            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
                            return authorization != null && authorization.startsWith("Basic ");
                        }));
        ClientRegistrationRepository registrations = oidcProviders.getIfAvailable();
        if (registrations != null) {
            String signIn = "/oauth2/authorization/" + signInRegistration(registrations);
            // Spring's default failure page (/login?error) is no page here: it would send the browser straight back
            // to the provider, round and round
            http.oauth2Login(oidc -> oidc.failureUrl("/login.html?error=oidc"))
                    // registered before the form login's entry point, which would otherwise win: its password
                    // page offers no way to the provider, so browsers go to the provider's sign-in instead
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint(signIn), AnyRequestMatcher.INSTANCE));
        }
        return http.build();
    }

    /** Sent on same-site requests and top-level navigations only, like the session cookie. */
    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository cookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
        cookie.setCookieCustomizer(c -> c.sameSite("Lax"));
        return cookie;
    }

    /** The one OIDC client registration that workers sign in with (the one with the authorization-code grant). */
    private static String signInRegistration(ClientRegistrationRepository repository) {
        List<String> ids = repository instanceof Iterable<?> all
                ? StreamSupport.stream(all.spliterator(), false).map(ClientRegistration.class::cast)
                .filter(r -> AuthorizationGrantType.AUTHORIZATION_CODE.equals(r.getAuthorizationGrantType()))
                .map(ClientRegistration::getRegistrationId).toList()
                : List.of();
        if (ids.size() != 1) {
            throw new IllegalStateException("Workers sign in with exactly one OpenID Connect client registration "
                    + "(authorization_code grant) in spring.security.oauth2.client.registration.*; found " + ids);
        }
        return ids.get(0);
    }

    @Bean
    public SignInThrottle signInThrottle(SignInProperties limits, Clock clock) {
        return new SignInThrottle(limits, clock);
    }

    @Bean
    public SignInThrottleListener signInThrottleListener(SignInThrottle signInThrottle) {
        return new SignInThrottleListener(signInThrottle);
    }

    @Bean
    public UserDetailsService localUsers(PortalProperties portal) {
        return new InMemoryUserDetailsManager(portal.usersFile() == null ? List.of()
                : LocalUsers.load(Path.of(portal.usersFile())));
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }
}
