package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.HumanAnswer;
import io.reviewstream.taskservice.domain.Workers;
import io.reviewstream.taskservice.web.OidcProviderStub.Account;
import io.reviewstream.taskservice.web.OidcProviderStub.Forgery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment's sign-in: the real OpenID Connect authorization-code flow of Spring Security against a provider on
 * a loopback port, from the portal page to the session, and what the signed-in worker may then do. The context
 * (its own Streams application) is closed afterwards, so it does not keep working beside the other web tests.
 */
@DirtiesContext
class OidcSignInTest extends TaskServiceFixture {

    private static final String REGISTRATION = "stub";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final OidcProviderStub PROVIDER = new OidcProviderStub();

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) throws IOException {
        infrastructure(registry, "o" + RUN, Files.createTempDirectory("task-service-oidc-test"));
        String client = "spring.security.oauth2.client.registration." + REGISTRATION + ".";
        registry.add(client + "client-id", () -> OidcProviderStub.CLIENT_ID);
        registry.add(client + "client-secret", () -> OidcProviderStub.CLIENT_SECRET);
        registry.add(client + "scope", () -> "openid,profile");
        // discovery at start-up, as in a deployment: the endpoints and the JWKS come from the issuer's metadata
        registry.add("spring.security.oauth2.client.provider." + REGISTRATION + ".issuer-uri", PROVIDER::issuer);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @BeforeEach
    void seedTeams() {
        seed();
    }

    @Test
    void anOidcWorkerSignsInAndWorksOnlyOnTheTeamsOfTheirGroups() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Account olivia = new Account("sub-olivia-" + run, "olivia", List.of("group-a", "unrelated-group"));
        Session worker = signIn(olivia, Forgery.NONE);
        Session other = signIn(new Account("sub-bruno-" + run, "bruno", List.of("group-b")), Forgery.NONE);

        JsonNode me = JSON.readTree(worker.get("/api/worker/me").body());
        assertThat(me.get("name").asString()).isEqualTo("olivia");
        assertThat(me.get("teams").toString()).as("from the ID token's groups claim").isEqualTo("[\"team-a\"]");
        assertThat(me.get("workerId").asString())
                .isEqualTo(Workers.identity("Oidc", PROVIDER.issuer(), olivia.subject()).getWorkerId());
        assertThat(JSON.readTree(other.get("/api/worker/me").body()).get("teams").toString())
                .as("an OIDC group and a Cognito user group").isEqualTo("[\"team-b\",\"team-c\"]");

        String elsewhere = "ob" + run;
        startLoop(elsewhere, "team-b", 1);
        awaitOpen(path -> other.get(path).body(), "team-b");
        assertThat(worker.get("/api/worker/tasks").body()).doesNotContain(elsewhere);
        assertThat(worker.post("/api/worker/tasks/next", "").statusCode()).as("nothing for olivia's teams")
                .isEqualTo(204);
        String answer = "{\"answerContent\":{\"category\":{\"label\":\"cat\"}}}";
        HttpResponse<String> refused = worker.post("/api/worker/tasks/team-b." + elsewhere + ".0/answer", answer);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("error").asString()).isEqualTo("NotYourTeam");

        String loop = "oa" + run;
        startLoop(loop, "team-a", 1);
        awaitOpen(path -> worker.get(path).body(), "team-a");
        HttpResponse<String> claimed = worker.post("/api/worker/tasks/next", "");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        JsonNode task = JSON.readTree(claimed.body());
        assertThat(task.get("loopName").asString()).isEqualTo(loop);
        HttpResponse<String> answered = worker.post("/api/worker/tasks/" + task.get("id").asString() + "/answer",
                answer);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

        HumanAnswer recorded = committedAnswers(loop).getAnswers().get(0);
        assertThat(recorded.getIssuer()).isEqualTo(PROVIDER.issuer());
        assertThat(recorded.getSubject()).isEqualTo(olivia.subject());
        assertThat(recorded.getIdentityProviderType()).isEqualTo("Oidc");
        assertThat(recorded.getWorkerId()).isEqualTo(me.get("workerId").asString());
    }

    @ParameterizedTest
    @EnumSource(value = Forgery.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void anIdTokenThatDoesNotVerifySignsNobodyIn(Forgery forgery) throws Exception {
        int issued = PROVIDER.tokensIssued();
        Session session = new Session();
        HttpResponse<String> callback = session.authorizationCodeFlow(
                new Account("sub-mallory", "mallory", List.of("group-a")), forgery);
        assertThat(PROVIDER.tokensIssued()).as("the code was traded, so the ID token itself was refused")
                .isEqualTo(issued + 1);
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(location(callback)).as("the sign-in page with the provider's error, not a way round to the provider")
                .isEqualTo(URI.create(url("/login.html?error=oidc")));
        assertThat(session.get("/api/worker/me").statusCode()).isEqualTo(401);
    }

    private Session signIn(Account account, Forgery forgery) throws Exception {
        Session session = new Session();
        HttpResponse<String> callback = session.authorizationCodeFlow(account, forgery);
        assertThat(callback.statusCode()).isEqualTo(302);
        URI landing = location(callback);
        assertThat(landing.getPath()).as("back to the page the worker asked for").isEqualTo("/");
        assertThat(landing.getQuery()).as(landing.toString()).doesNotContain("error");
        assertThat(session.get("/api/worker/me").statusCode()).as("the session signs in").isEqualTo(200);
        return session;
    }

    private static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    /** A browser: cookies, and redirects followed one at a time so each hop can be checked. */
    private final class Session {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        /** Opens the portal unsigned-in and follows the redirects to the provider and back; the callback's answer. */
        HttpResponse<String> authorizationCodeFlow(Account account, Forgery forgery) throws Exception {
            PROVIDER.nextSignIn(account, forgery);
            HttpResponse<String> portal = page(URI.create(url("/")));
            assertThat(portal.statusCode()).as("the portal sends a stranger to sign in").isEqualTo(302);
            URI start = location(portal);
            assertThat(start.getPath()).isEqualTo("/oauth2/authorization/" + REGISTRATION);
            HttpResponse<String> toProvider = page(start);
            assertThat(toProvider.statusCode()).isEqualTo(302);
            URI authorize = location(toProvider);
            assertThat(authorize.toString()).startsWith(PROVIDER.issuer() + "/authorize?");
            HttpResponse<String> back = page(authorize);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
            URI callback = location(back);
            assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/" + REGISTRATION);
            return page(callback);
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** A script's POST: JSON, with the CSRF token from the session's cookie. */
        HttpResponse<String> post(String path, String json) throws Exception {
            get("/api/worker/csrf");
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
                    .orElseThrow();
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("X-XSRF-TOKEN", token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        private HttpResponse<String> page(URI uri) {
            try {
                return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml")
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
