package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker API over HTTP on the real broker: sign-in (Basic and session with CSRF) and team isolation. */
class WorkerApiHttpTest extends RunningTaskService {

    @BeforeEach
    void seedTeams() {
        seed();
    }

    @Test
    void aWorkerClaimsRendersAndAnswersWithBasicAuthAndOtherTeamsAreKeptOut() throws Exception {
        String loop = "h" + UUID.randomUUID().toString().substring(0, 8);
        startLoop(loop, "team-a", 1);
        awaitOpen(path -> get("alice", path).body(), "team-a");

        assertThat(get("carol", "/api/worker/tasks").body()).doesNotContain(loop);
        HttpResponse<String> claimed = post("alice", "/api/worker/tasks/next", "", null);
        assertThat(claimed.statusCode()).isEqualTo(200);
        JsonNode task = JSON.readTree(claimed.body());
        String id = task.get("id").asString();
        assertThat(task.get("loopName").asString()).isEqualTo(loop);
        assertThat(task.get("team").asString()).isEqualTo("team-a");
        assertThat(task.get("flow").asString()).isEqualTo("flow-team-a");
        assertThat(task.get("input").get("label").asString()).isEqualTo("cat");
        assertThat(Instant.parse(task.get("deadline").asString())).isAfter(Instant.now());
        assertThat(task.get("title").asString()).isEqualTo("Classify");
        assertThat(task.get("description").asString()).isEqualTo("Pick a label");
        String renderUrl = task.get("renderUrl").asString();

        HttpResponse<String> page = get("alice", renderUrl);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'nonce-");
        assertThat(page.body()).contains("<p id=\"label\">cat</p>").contains("crowd-classifier");
        assertThat(get("bob", renderUrl).statusCode()).as("not bob's task").isEqualTo(403);
        assertThat(get("carol", renderUrl).statusCode()).as("not carol's team").isEqualTo(403);
        assertThat(get("alice", "/api/worker/tasks/no-such-task/render").statusCode()).isEqualTo(404);

        String answer = "{\"answerContent\":{\"category\":{\"label\":\"cat\"}}}";
        HttpResponse<String> carols = post("carol", "/api/worker/tasks/" + id + "/answer", answer, null);
        assertThat(carols.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(carols.body()).get("error").asString()).isEqualTo("NotYourTeam");
        HttpResponse<String> bobs = post("bob", "/api/worker/tasks/" + id + "/answer", answer, null);
        assertThat(bobs.statusCode()).as("alice's task").isEqualTo(403);
        assertThat(JSON.readTree(bobs.body()).get("error").asString()).isEqualTo("NotYourTask");
        HttpResponse<String> bobsRelease = post("bob", "/api/worker/tasks/" + id + "/release", "", null);
        assertThat(bobsRelease.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(bobsRelease.body()).get("error").asString()).isEqualTo("NotYourTask");
        HttpResponse<String> unknown = post("alice", "/api/worker/tasks/team-a.no-such-loop.0/answer", answer, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asString()).isEqualTo("TaskNotFound");
        assertThat(post("alice", "/api/worker/tasks/" + id + "/answer", "{\"answerContent\":[1]}", null).statusCode())
                .isEqualTo(400);
        assertThat(post("alice", "/api/worker/tasks/" + id + "/answer", answer, "submit-1").statusCode())
                .isEqualTo(200);
        LoopAnswers ended = committedAnswers(loop);
        assertThat(ended.getOutcome()).as("committed before the answer was acknowledged").isEqualTo(LoopOutcome.ANSWERED);
        assertThat(ended.getAnswers().get(0).getAnswerContent()).isEqualTo("{\"category\":{\"label\":\"cat\"}}");
        assertThat(post("alice", "/api/worker/tasks/" + id + "/answer", answer, "submit-1").statusCode())
                .as("a retry").isEqualTo(200);
        assertThat(post("alice", "/api/worker/tasks/" + id + "/release", "", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aWorkerWhoseLeaseRanOutGetsLeaseLostAndTheNewHolderAnswers() throws Exception {
        String loop = "e" + UUID.randomUUID().toString().substring(0, 8);
        startLoop(loop, "lease", 1, 1, null);
        String id = "lease." + loop + ".0";
        awaitListed("dave", "lease", id, "OPEN");
        HttpResponse<String> claimed = post("dave", "/api/worker/tasks/next", "", null);
        assertThat(JSON.readTree(claimed.body()).get("id").asString()).isEqualTo(id);
        // the queue lists the claim, then the one-second lease runs out and the task is open again
        awaitListed("dave", "lease", id, "CLAIMED");
        awaitListed("erin", "lease", id, "OPEN");
        String answer = "{\"answerContent\":{\"category\":{\"label\":\"dog\"}}}";
        HttpResponse<String> late = post("dave", "/api/worker/tasks/" + id + "/answer", answer, null);
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(JSON.readTree(late.body()).get("error").asString()).isEqualTo("LeaseLost");
        assertThat(post("dave", "/api/worker/tasks/" + id + "/release", "", null).statusCode()).isEqualTo(409);
        assertThat(post("erin", "/api/worker/tasks/" + id + "/answer", answer, null).statusCode())
                .as("open, never erin's").isEqualTo(403);
    }

    @Test
    void claimNextTakesTheBestTaskOfAllTheWorkersTeams() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        // carol is in team-b and team-c; the loop closest to its availability deadline comes first, whatever its team
        startLoop("b" + run, "team-b", 1, null, 1200);
        startLoop("c" + run, "team-c", 1, null, 600);
        awaitListed("carol", "team-b", "team-b.b" + run + ".0", "OPEN");
        awaitListed("carol", "team-c", "team-c.c" + run + ".0", "OPEN");
        HttpResponse<String> first = post("carol", "/api/worker/tasks/next", "", null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("loopName").asString()).isEqualTo("c" + run);
        HttpResponse<String> second = post("carol", "/api/worker/tasks/next", "", null);
        assertThat(JSON.readTree(second.body()).get("loopName").asString()).isEqualTo("b" + run);
    }

    @Test
    void meNamesTheWorkersTeamsAndAnonymousCallsAreRefused() throws Exception {
        JsonNode me = JSON.readTree(get("bob", "/api/worker/me").body());
        assertThat(me.get("name").asString()).isEqualTo("bob");
        assertThat(me.get("teams").toString()).isEqualTo("[\"team-a\"]");
        assertThat(me.get("workerId").asString()).matches("[0-9a-f]{16}");
        assertThat(JSON.readTree(get("carol", "/api/worker/me").body()).get("teams").toString())
                .as("an OIDC group and a Cognito user group").isEqualTo("[\"team-b\",\"team-c\"]");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(url("/api/worker/me"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> wrongPassword = http.send(HttpRequest.newBuilder(URI.create(url("/api/worker/me")))
                .header("Authorization", basic("bob", "wrong")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
    }

    @Test
    void aBrowserSessionNeedsTheCsrfTokenFromItsCookie() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String token = JSON.readTree(browser.send(HttpRequest.newBuilder(URI.create(url("/api/worker/csrf"))).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("token").asString();

        String form = "username=carol&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).get().asString().doesNotContain("error");

        assertThat(browser.send(HttpRequest.newBuilder(URI.create(url("/api/worker/me"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the session signs in").isEqualTo(200);
        HttpRequest.Builder claim = HttpRequest.newBuilder(URI.create(url("/api/worker/tasks/next")))
                .POST(HttpRequest.BodyPublishers.noBody());
        assertThat(browser.send(claim.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no CSRF token").isEqualTo(403);

        browser.send(HttpRequest.newBuilder(URI.create(url("/api/worker/csrf"))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        startLoop("s" + UUID.randomUUID().toString().substring(0, 8), "team-b", 1);
        awaitOpen(path -> get("carol", path).body(), "team-b");
        HttpResponse<String> claimed = browser.send(claim.header("X-XSRF-TOKEN", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(claimed.statusCode()).as("the cookie's token in the header").isEqualTo(200);

        // the worker page carries the token its script sends with the answer
        JsonNode task = JSON.readTree(claimed.body());
        String page = browser.send(HttpRequest.newBuilder(URI.create(url(task.get("renderUrl").asString()))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher pageToken = Pattern.compile("data-csrf-token=\"([^\"]+)\"").matcher(page);
        assertThat(pageToken.find()).isTrue();
        HttpResponse<String> released = browser.send(HttpRequest.newBuilder(
                        URI.create(url("/api/worker/tasks/" + task.get("id").asString() + "/release")))
                .header("X-XSRF-TOKEN", pageToken.group(1)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    }

    /** Waits until the team's queue, as the worker sees it, lists the task with the status. */
    private void awaitListed(String worker, String team, String taskId, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            for (JsonNode t : JSON.readTree(get(worker, "/api/worker/tasks").body()).get("tasks")) {
                if (t.get("id").asString().equals(taskId) && t.get("status").asString().equals(status)
                        && t.get("team").asString().equals(team)) {
                    return;
                }
            }
            assertThat(Instant.now()).as(taskId + " is " + status).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
