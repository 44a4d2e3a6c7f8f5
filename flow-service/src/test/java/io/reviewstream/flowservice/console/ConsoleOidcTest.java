package io.reviewstream.flowservice.console;

import io.reviewstream.flowservice.FlowServiceApplication;
import io.reviewstream.flowservice.TestFlowService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment that signs console users in with OpenID Connect: a browser that is not signed in is sent to the
 * provider, through the console's own paths, and comes back to the console's redirection endpoint; API calls are
 * answered 401 rather than redirected. (The whole authorization-code flow is the portal's, tested there.)
 */
@SpringBootTest(classes = FlowServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=flow-service")
class ConsoleOidcTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PROVIDER = "https://idp.example.test";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestFlowService.register(registry, "oidc" + RUN + ".", "AKIATESTCONSOLEOIDC", "console-oidc-secret");
        String client = "spring.security.oauth2.client.registration.corp.";
        registry.add(client + "client-id", () -> "console");
        registry.add(client + "client-secret", () -> "console-secret");
        registry.add(client + "scope", () -> "openid,profile");
        registry.add(client + "authorization-grant-type", () -> "authorization_code");
        registry.add(client + "redirect-uri", () -> "{baseUrl}/console/login/oauth2/code/{registrationId}");
        // the provider's endpoints given outright: nothing is fetched from it until someone signs in
        String provider = "spring.security.oauth2.client.provider.corp.";
        registry.add(provider + "authorization-uri", () -> PROVIDER + "/authorize");
        registry.add(provider + "token-uri", () -> PROVIDER + "/token");
        registry.add(provider + "jwk-set-uri", () -> PROVIDER + "/jwks");
        registry.add(provider + "user-name-attribute", () -> "sub");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBrowserIsSentToTheProviderAndBackToTheConsole() throws Exception {
        HttpResponse<String> page = get("/console/loops.html");
        assertThat(page.statusCode()).isEqualTo(302);
        String signIn = page.headers().firstValue("Location").orElseThrow();
        assertThat(signIn).endsWith("/console/oauth2/authorization/corp");

        HttpResponse<String> toProvider = http.send(HttpRequest.newBuilder(URI.create(signIn))
                .header("Cookie", page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                        .reduce((a, b) -> a + "; " + b).orElse("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String authorize = URLDecoder.decode(toProvider.headers().firstValue("Location").orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(authorize).startsWith(PROVIDER + "/authorize?")
                .contains("client_id=console", "redirect_uri=http://localhost:" + port + "/console/login/oauth2/code/corp");

        assertThat(get("/console/api/flows").statusCode()).isEqualTo(401);
        // outside the console's sign-in: answered, not sent to the provider (503 while the views catch up)
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isIn(200, 503);
        assertThat(health.body()).contains("\"status\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
