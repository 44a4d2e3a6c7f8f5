package io.reviewstream.taskservice.config;

import io.reviewstream.schemas.signin.SignInSupport;
import io.reviewstream.schemas.signin.SignInThrottle;
import io.reviewstream.schemas.signin.SignInThrottleFilter;
import io.reviewstream.schemas.signin.SignInThrottleListener;
import io.reviewstream.taskservice.web.WorkerErrors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import java.time.Clock;

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
                .addFilterBefore(new SignInThrottleFilter(signInThrottle, LOGIN_PROCESSING_URL, WorkerErrors::write),
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
                .csrf(csrf -> csrf.csrfTokenRepository(SignInSupport.csrfCookie())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(request -> {
                            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
                            return authorization != null && authorization.startsWith("Basic ");
                        }));
        ClientRegistrationRepository registrations = oidcProviders.getIfAvailable();
        if (registrations != null) {
            String signIn = "/oauth2/authorization/" + SignInSupport.signInRegistration(registrations);
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

    @Bean
    public SignInThrottle signInThrottle(PortalProperties portal, Clock clock) {
        return new SignInThrottle(portal.signIn(), clock);
    }

    @Bean
    public SignInThrottleListener signInThrottleListener(SignInThrottle signInThrottle) {
        return new SignInThrottleListener(signInThrottle);
    }

    @Bean
    public UserDetailsService localUsers(PortalProperties portal) {
        return SignInSupport.localUsers(portal.usersFile());
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return SignInSupport.passwordEncoder();
    }
}
