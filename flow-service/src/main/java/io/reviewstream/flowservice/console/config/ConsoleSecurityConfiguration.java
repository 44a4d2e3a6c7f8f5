package io.reviewstream.flowservice.console.config;

import io.reviewstream.flowservice.console.security.ConsoleRole;
import io.reviewstream.flowservice.console.web.ConsoleErrors;
import io.reviewstream.schemas.signin.SignInSupport;
import io.reviewstream.schemas.signin.SignInThrottle;
import io.reviewstream.schemas.signin.SignInThrottleFilter;
import io.reviewstream.schemas.signin.SignInThrottleListener;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

/**
 * Sign-in and roles of the operator's console. Only {@code /console/*} passes through Spring Security at all: the
 * AWS API keeps its own Signature Version 4 check and its error shapes, and no browser session reaches it.
 *
 * <p>As in the worker portal, browsers keep a session protected against CSRF (the token in a cookie that the
 * pages echo in {@code X-XSRF-TOKEN}) and scripts may send HTTP Basic, which a browser cannot be tricked into
 * sending. GET and HEAD need the viewer or operator role, every other method the operator role; the condition
 * tryout only reads and is open to viewers too. Pages are served under a CSP that runs only the console's own
 * scripts; the task UI preview brings its own, the worker page's.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ConsoleSecurityConfiguration {

    public static final String BASE = "/console";
    static final String LOGIN_PAGE = BASE + "/login.html";
    static final String LOGIN_PROCESSING_URL = BASE + "/login";
    /** Names of their own, as the worker portal's session and token may be on the same host, another port. */
    public static final String CSRF_COOKIE = "CONSOLE-XSRF-TOKEN";
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'self'";
    private static final Set<String> READS = Set.of(HttpMethod.GET.name(), HttpMethod.HEAD.name());

    @Bean
    public SecurityFilterChain consoleSecurity(HttpSecurity http, ConsoleProperties console,
                                               ObjectProvider<ClientRegistrationRepository> oidcProviders,
                                               SignInThrottle consoleSignInThrottle) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher api = paths.matcher(BASE + "/api/**");
        RequestMatcher preview = paths.matcher(BASE + "/preview/**");
        AuthorizationManager<RequestAuthorizationContext> view = (authentication, context) ->
                new AuthorizationDecision(ConsoleRole.of(authentication.get(), console).canView());
        AuthorizationManager<RequestAuthorizationContext> change = (authentication, context) ->
                new AuthorizationDecision(ConsoleRole.of(authentication.get(), console).canChange());
        http.securityMatcher(BASE + "/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LOGIN_PAGE, BASE + "/console.css", BASE + "/login.js", BASE + "/api/csrf",
                                BASE + "/forbidden.html").permitAll()
                        .requestMatchers(request -> READS.contains(request.getMethod())).access(view)
                        .requestMatchers(paths.matcher(HttpMethod.POST, BASE + "/api/flows/*/try")).access(view)
                        .anyRequest().access(change))
                .addFilterBefore(new SignInThrottleFilter(consoleSignInThrottle, LOGIN_PROCESSING_URL,
                        ConsoleErrors::write), UsernamePasswordAuthenticationFilter.class)
                .httpBasic(Customizer.withDefaults())
                .formLogin(form -> form.loginPage(LOGIN_PAGE).loginProcessingUrl(LOGIN_PROCESSING_URL)
                        .defaultSuccessUrl(BASE + "/loops.html").failureUrl(LOGIN_PAGE + "?error").permitAll())
                .logout(logout -> logout.logoutUrl(BASE + "/logout").logoutSuccessUrl(LOGIN_PAGE + "?signedout"))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor((request, response, e) -> ConsoleErrors.write(response,
                                HttpStatus.UNAUTHORIZED.value(), "NotSignedIn", "Sign in first"), api)
                        .accessDeniedHandler((request, response, e) -> {
                            if (api.matches(request)) {
                                ConsoleErrors.write(response, HttpStatus.FORBIDDEN.value(), "Forbidden",
                                        forbidden(request, console));
                            } else {
                                response.setStatus(HttpStatus.FORBIDDEN.value());
                                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                                response.getWriter().write(forbidden(request, console) + "\n");
                            }
                        }))
                .csrf(csrf -> csrf.csrfTokenRepository(SignInSupport.csrfCookie(CSRF_COOKIE, BASE))
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(request -> {
                            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
                            return authorization != null && authorization.startsWith("Basic ");
                        }))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        // the preview sets the worker page's own policy, which this one must not narrow
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(preview),
                                new StaticHeadersWriter("Content-Security-Policy", PAGE_POLICY))));
        ClientRegistrationRepository registrations = oidcProviders.getIfAvailable();
        if (registrations == null) {
            http.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), AnyRequestMatcher.INSTANCE));
        } else {
            // browsers go to the provider's sign-in: the password page offers no way there
            String signIn = BASE + "/oauth2/authorization/" + SignInSupport.signInRegistration(registrations);
            http.oauth2Login(oidc -> oidc
                            .loginPage(LOGIN_PAGE)
                            .authorizationEndpoint(endpoint -> endpoint.baseUri(BASE + "/oauth2/authorization"))
                            .redirectionEndpoint(endpoint -> endpoint.baseUri(BASE + "/login/oauth2/code/*"))
                            .failureUrl(LOGIN_PAGE + "?error=oidc"))
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint(signIn), AnyRequestMatcher.INSTANCE));
        }
        return http.build();
    }

    private static String forbidden(HttpServletRequest request, ConsoleProperties console) {
        return READS.contains(request.getMethod())
                ? "The console is for members of " + console.operatorGroup() + " and " + console.viewerGroup()
                : "Only members of " + console.operatorGroup() + " may change anything through the console";
    }

    /**
     * Spring Security's filter for {@code /console/*} only (its auto-configured registration, for every path, is
     * left out by the application).
     */
    @Bean
    public FilterRegistrationBean<Filter> consoleSecurityFilter(
            @Qualifier("springSecurityFilterChain") Filter springSecurityFilterChain) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(springSecurityFilterChain);
        registration.addUrlPatterns(BASE + "/*");
        registration.setOrder(-100);
        return registration;
    }

    @Bean
    public SignInThrottle consoleSignInThrottle(ConsoleProperties console, Clock clock) {
        return new SignInThrottle(console.signIn(), clock);
    }

    @Bean
    public SignInThrottleListener consoleSignInThrottleListener(SignInThrottle consoleSignInThrottle) {
        return new SignInThrottleListener(consoleSignInThrottle);
    }

    @Bean
    public UserDetailsService consoleUsers(ConsoleProperties console) {
        return SignInSupport.localUsers(console.usersFile());
    }

    @Bean
    public PasswordEncoder consolePasswordEncoder() {
        return SignInSupport.passwordEncoder();
    }
}
