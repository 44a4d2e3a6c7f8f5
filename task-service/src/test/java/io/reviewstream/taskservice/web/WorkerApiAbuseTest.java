package io.reviewstream.taskservice.web;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.embedded.RawHttp;
import io.reviewstream.embedded.TopicContents;
import io.reviewstream.schemas.avro.TaskCommand;
import io.reviewstream.schemas.serde.SerdeFactory;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.taskservice.topology.TaskServiceTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker, or anyone who can reach the port, attacking the worker API of a running task-service on the real
 * broker: other teams' tasks, made-up and malformed task ids, over-size answers, requests without a CSRF token,
 * password guessing, and requests Tomcat refuses itself. Every refusal is the API's JSON error and tells nothing
 * of the service's insides.
 */
class WorkerApiAbuseTest extends RunningTaskService {

    @Autowired
    SerdeFactory serdes;
    @Autowired
    WorkerApiController controller;

    @BeforeEach
    void seedTeams() {
        seed();
    }

    @Test
    void anOverSizeAnswerIsRefusedWith413AndNothingOfItReachesKafka() throws Exception {
        String oversize = "team-a.o" + UUID.randomUUID().toString().substring(0, 8) + ".0";
        String control = "team-a.c" + UUID.randomUUID().toString().substring(0, 8) + ".0";

        // a declared length over the limit is refused before the body is read, or even asked for
        for (long size : new long[]{4L * 1024 * 1024, 21L * 1024 * 1024}) {
            RawHttp.Response declared = RawHttp.announce(port, "POST", "/api/worker/tasks/" + oversize + "/answer",
                    Map.of("Authorization", basic("alice", PASSWORD), "Content-Type", "application/json"), size);
            assertThat(declared.status()).as(declared.text()).isEqualTo(413);
            assertError(declared.text(), "AnswerTooLarge");
            assertThat(declared.text()).contains("262144 bytes");
        }
        // a chunked body is counted as it arrives
        HttpResponse<String> chunked = http.send(answerRequest("alice", oversize)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        answerOf(1024 * 1024).getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertError(chunked.body(), "AnswerTooLarge");
        // just over the limit, with its length declared
        String justOver = answerOf(256 * 1024 + 1);
        assertThat(justOver.getBytes(StandardCharsets.UTF_8)).hasSize(256 * 1024 + 1);
        assertThat(http.send(answerRequest("alice", oversize).POST(HttpRequest.BodyPublishers.ofString(justOver))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);

        // an answer within the limit to a made-up task of the worker's team is the queue owner's to refuse
        HttpResponse<String> withinLimit = http.send(answerRequest("alice", control)
                .POST(HttpRequest.BodyPublishers.ofString(answerOf(256 * 1024))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withinLimit.statusCode()).as(withinLimit.body()).isEqualTo(404);
        assertError(withinLimit.body(), "TaskNotFound");

        List<TaskCommand> commands = taskCommands();
        assertThat(commands).as("the control answer shows the topic was read past the refused ones")
                .anyMatch(c -> control.equals(c.getTaskId()));
        assertThat(commands).noneMatch(c -> oversize.equals(c.getTaskId()));
    }

    @Test
    void madeUpAndMalformedTaskIdsAreRefusedWithoutReachingKafka() throws Exception {
        String marker = "m" + UUID.randomUUID().toString().substring(0, 8);
        String huge = "team-a." + marker + "-" + "a".repeat(5_000) + ".0";
        for (String id : new String[]{huge, "team-a." + marker.toUpperCase() + ".0", "team-a." + marker + ".01",
                "team-a." + marker + ".-1", "team-a." + marker, marker, "team-a.." + marker + ".0"}) {
            for (String action : new String[]{"answer", "release"}) {
                HttpResponse<String> refused = post("alice", "/api/worker/tasks/" + id + "/" + action,
                        "{\"answerContent\":{}}", null);
                assertThat(refused.statusCode()).as(id + " " + action).isEqualTo(404);
                assertError(refused.body(), "TaskNotFound");
                assertThat(refused.body()).as("not echoed").doesNotContain(marker).hasSizeLessThan(200);
            }
            HttpResponse<String> render = get("alice", "/api/worker/tasks/" + id + "/render");
            assertThat(render.statusCode()).isEqualTo(404);
            assertError(render.body(), "TaskNotFound");
        }
        // a well-formed id, but an idempotency key longer than the receipts keep
        HttpResponse<String> longKey = post("alice", "/api/worker/tasks/team-a." + marker + ".0/answer",
                "{\"answerContent\":{}}", "k".repeat(WorkerApiController.MAX_IDEMPOTENCY_KEY_LENGTH + 1));
        assertThat(longKey.statusCode()).isEqualTo(400);
        assertError(longKey.body(), "InvalidIdempotencyKey");
        assertThat(taskCommands()).noneMatch(c -> c.getTaskId() != null && c.getTaskId().contains(marker));

        // what Tomcat or the firewall refuse before the API sees it: still the API's JSON, never HTML
        for (String path : new String[]{"/api/worker/tasks/..%2F..%2Fetc%2Fpasswd/render",
                "/api/worker/tasks/team-a.x%00.0/render", "/api/worker/tasks/team-a%5Cx.0/render",
                "/api/worker/tasks/team-a.%ff.0/render", "/api/worker/tasks/team-a.x.0;jsessionid=1/render",
                "/api/worker/tasks/%2e%2e/%2e%2e/etc/passwd", "/api/worker/tasks?next=" + "x".repeat(9_000)}) {
            RawHttp.Response refused = RawHttp.send("127.0.0.1", port, "GET", path,
                    Map.of("Authorization", basic("alice", PASSWORD)));
            assertThat(refused.status()).as(path).isBetween(400, 414);
            assertJsonError(refused);
        }
    }

    @Test
    void requestsTomcatRefusesItselfGetTheApisJsonError() throws Exception {
        RawHttp.Response trace = RawHttp.send("127.0.0.1", port, "TRACE", "/api/worker/me",
                Map.of("Authorization", basic("alice", PASSWORD)));
        assertThat(trace.status()).isEqualTo(405);
        assertJsonError(trace);
        assertThat(trace.text()).doesNotContain("Basic");

        RawHttp.Response hugeHeader = RawHttp.send("127.0.0.1", port, "GET", "/api/worker/me",
                Map.of("Authorization", basic("alice", PASSWORD), "X-Padding", "p".repeat(20_000)));
        assertThat(hugeHeader.status()).isBetween(400, 431);
        assertJsonError(hugeHeader);

        RawHttp.Response badMethod = RawHttp.send("127.0.0.1", port, "DELETE", "/api/worker/tasks/next",
                Map.of("Authorization", basic("alice", PASSWORD)));
        assertThat(badMethod.status()).isEqualTo(405);
        assertJsonError(badMethod);
        assertThat(JSON.readTree(badMethod.text()).get("error").asString()).isEqualTo("MethodNotAllowed");

        RawHttp.Response anonymous = RawHttp.send("127.0.0.1", port, "GET", "/api/worker/tasks", Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertJsonError(anonymous);
    }

    @Test
    void tasksOfOtherTeamsAndOtherWorkersStayTheirs() throws Exception {
        String loop = "x" + UUID.randomUUID().toString().substring(0, 8);
        startLoop(loop, "team-a", 1);
        awaitOpen(path -> get("alice", path).body(), "team-a");
        HttpResponse<String> claimed = post("alice", "/api/worker/tasks/next", "", null);
        assertThat(claimed.statusCode()).isEqualTo(200);
        String id = JSON.readTree(claimed.body()).get("id").asString();
        String alicesId = JSON.readTree(get("alice", "/api/worker/me").body()).get("workerId").asString();
        String answer = "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}";

        // carol is in other teams; bob is in alice's team but does not hold her task
        for (String[] outsider : new String[][]{{"carol", "NotYourTeam"}, {"bob", "NotYourTask"}}) {
            List<HttpResponse<String>> refusals = List.of(
                    get(outsider[0], "/api/worker/tasks/" + id + "/render"),
                    post(outsider[0], "/api/worker/tasks/" + id + "/answer", answer, null),
                    post(outsider[0], "/api/worker/tasks/" + id + "/release", "", null));
            for (HttpResponse<String> refused : refusals) {
                assertThat(refused.statusCode()).as(outsider[0] + " " + refused.uri()).isEqualTo(403);
                assertError(refused.body(), outsider[1]);
                assertThat(refused.body()).doesNotContain("alice").doesNotContain(alicesId)
                        .doesNotContain("\"cat\"");
            }
            HttpResponse<String> next = post(outsider[0], "/api/worker/tasks/next", "", null);
            assertThat(next.body()).doesNotContain(id);
        }
        assertThat(get("carol", "/api/worker/tasks").body()).doesNotContain(loop);
        // the task is still alice's to answer
        assertThat(post("alice", "/api/worker/tasks/" + id + "/answer", answer, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionsPostsNeedTheCsrfTokenAndItsCookiesAreSameSite() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> csrf = browser.send(HttpRequest.newBuilder(URI.create(url("/api/worker/csrf"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(setCookie(csrf, "XSRF-TOKEN")).contains("SameSite=Lax");
        String token = JSON.readTree(csrf.body()).get("token").asString();
        HttpResponse<String> login = signIn(browser, "carol", PASSWORD, token);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).get().asString().doesNotContain("error");
        assertThat(setCookie(login, "JSESSIONID")).contains("SameSite=Lax").contains("HttpOnly");

        // signing in renews the token
        browser.send(HttpRequest.newBuilder(URI.create(url("/api/worker/csrf"))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookieToken = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
        String madeUp = "/api/worker/tasks/team-b.n" + UUID.randomUUID().toString().substring(0, 8) + ".0/";
        for (String path : new String[]{madeUp + "answer", madeUp + "release", "/api/worker/tasks/next"}) {
            for (String sent : new String[]{null, "wrong-" + cookieToken}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"answerContent\":{}}"));
                if (sent != null) {
                    request.header("X-XSRF-TOKEN", sent);
                }
                HttpResponse<String> refused = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(path + " with token " + sent).isEqualTo(403);
                assertError(refused.body(), "Forbidden");
            }
        }
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(URI.create(url(madeUp + "answer")))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", cookieToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"answerContent\":{}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as("past the CSRF check, to the queue owner").isEqualTo(404);
    }

    @Test
    void passwordGuessingIsThrottledPerUserAndPerAddress() throws Exception {
        // frank: five wrong passwords from one address lock him out everywhere, for a while
        for (int i = 0; i < 5; i++) {
            RawHttp.Response wrong = me("127.0.0.2", "frank", "guess-" + i);
            assertThat(wrong.status()).isEqualTo(401);
            assertJsonError(wrong);
        }
        RawHttp.Response locked = me("127.0.0.2", "frank", PASSWORD);
        assertThat(locked.status()).as("even the right password, while locked").isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 300L);
        assertError(locked.text(), "TooManySignInAttempts");
        assertThat(me("127.0.0.5", "frank", PASSWORD).status()).as("from another address too").isEqualTo(429);
        assertThat(me("127.0.0.5", "alice", PASSWORD).status()).as("another user, another address")
                .isEqualTo(200);

        // a username that does not exist is throttled alike, with the same answer
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            assertThat(me("127.0.0.3", nobody, "guess-" + i).status()).isEqualTo(401);
        }
        RawHttp.Response lockedNobody = me("127.0.0.3", nobody, "guess");
        assertThat(lockedNobody.status()).isEqualTo(429);
        assertThat(lockedNobody.text()).isEqualTo(locked.text());

        // one address trying many usernames: twenty failures lock the address, whoever signs in from it
        for (int i = 0; i < 20; i++) {
            assertThat(me("127.0.0.4", "spray-" + i + "-" + nobody, "guess").status()).isEqualTo(401);
        }
        assertThat(me("127.0.0.4", "alice", PASSWORD).status()).isEqualTo(429);
        assertThat(me("127.0.0.6", "alice", PASSWORD).status()).isEqualTo(200);

        // the sign-in form is throttled the same way
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String token = JSON.readTree(browser.send(HttpRequest.newBuilder(URI.create(url("/api/worker/csrf")))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("token").asString();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = signIn(browser, "grace", "guess-" + i, token);
            assertThat(wrong.statusCode()).isEqualTo(302);
            assertThat(wrong.headers().firstValue("Location")).get().asString().contains("error");
        }
        HttpResponse<String> lockedForm = signIn(browser, "grace", PASSWORD, token);
        assertThat(lockedForm.statusCode()).isEqualTo(429);
        assertThat(lockedForm.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aBrokenQueueIsReportedWithoutTheExceptionsText() {
        var answer = controller.queueUnavailable(new IllegalStateException(
                "t.task-commands could not be reached: org.apache.kafka.common.errors.RecordTooLargeException: "
                        + "The message is 22020202 bytes"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody()).containsEntry("error", "QueueUnavailable");
        assertThat(answer.getBody().get("message")).doesNotContain("kafka").doesNotContain("task-commands")
                .doesNotContain("Exception").isNotBlank();
    }

    private RawHttp.Response me(String from, String user, String password) throws Exception {
        return RawHttp.send(from, port, "GET", "/api/worker/me", Map.of("Authorization", basic(user, password)));
    }

    private HttpResponse<String> signIn(HttpClient browser, String user, String password, String csrfToken)
            throws Exception {
        String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrfToken, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie set"));
    }

    /** Every record on rs.task-commands so far. */
    private List<TaskCommand> taskCommands() {
        Topic<String, TaskCommand> commands = TaskServiceTopology.commandsTopic(topics, serdes);
        return TopicContents.readAll(EmbeddedInfra.shared().bootstrapServers(), commands.name(),
                        commands.keySerde().deserializer(), commands.valueSerde().deserializer(),
                        Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024))
                .stream().map(ConsumerRecord::value).toList();
    }

    private static String answerOf(int bytes) {
        String head = "{\"answerContent\":{\"text\":\"";
        String tail = "\"}}";
        return head + "a".repeat(bytes - head.length() - tail.length()) + tail;
    }

    private HttpRequest.Builder answerRequest(String user, String taskId) {
        return HttpRequest.newBuilder(URI.create(url("/api/worker/tasks/" + taskId + "/answer")))
                .header("Authorization", basic(user, PASSWORD)).header("Content-Type", "application/json");
    }

    /** The worker API's error shape with the code, and nothing of the service's insides. */
    private static void assertError(String body, String code) {
        JsonNode error = JSON.readTree(body);
        assertThat(error.get("error").asString()).as(body).isEqualTo(code);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(body).doesNotContainIgnoringCase("exception").doesNotContain("org.apache")
                .doesNotContain("kafka").doesNotContain("at io.");
    }

    private static void assertJsonError(RawHttp.Response response) {
        assertThat(response.header("Content-Type")).as(response.text()).startsWith("application/json");
        JsonNode error = JSON.readTree(response.text());
        assertThat(error.get("error").asString()).isNotBlank();
        assertError(response.text(), error.get("error").asString());
        assertThat(response.text()).doesNotContain("<").doesNotContainIgnoringCase("tomcat");
    }
}
