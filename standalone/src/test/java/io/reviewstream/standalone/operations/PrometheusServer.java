package io.reviewstream.standalone.operations;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Prometheus (the {@code prometheus} binary of the operating system) scraping given targets every second with
 * the scrape jobs and rule files of {@code deploy/prometheus}, queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final String url;
    private final Path log;

    private PrometheusServer(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The binary on the PATH, if the operating system's prometheus package is installed. */
    static Optional<Path> binary(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    /** Runs promtool with the arguments and returns its output, failing when it reports a problem. */
    static String promtool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary("promtool").orElseThrow(() -> new IllegalStateException("promtool not on the PATH"))
                .toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts Prometheus on a free local port with {@code deploy/prometheus/prometheus.yml}'s jobs, their targets
     * replaced by {@code targets} ("host:port"), a 1 s scrape interval and the deployed rule files.
     */
    static PrometheusServer start(Path workDir, Collection<String> targets) {
        try {
            Path config = workDir.resolve("prometheus.yml");
            Files.writeString(config, testConfig(targets));
            int port = freePort();
            Path log = workDir.resolve("prometheus.log");
            Process process = new ProcessBuilder(binary("prometheus").orElseThrow().toString(),
                    "--config.file=" + config, "--storage.tsdb.path=" + workDir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String testConfig(Collection<String> targets) throws IOException {
        Map<String, Object> config;
        try (Reader reader = Files.newBufferedReader(DeployFiles.deploy("prometheus/prometheus.yml"))) {
            config = new Yaml().load(reader);
        }
        config.put("global", new LinkedHashMap<>(Map.of("scrape_interval", "1s", "evaluation_interval", "1s")));
        config.put("rule_files", ((List<String>) config.getOrDefault("rule_files", List.of())).stream()
                .map(file -> DeployFiles.deploy("prometheus").resolve(file).toAbsolutePath().toString()).toList());
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            job.put("static_configs", List.of(Map.of("targets", List.copyOf(targets))));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(config);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited:\n" + log());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("prometheus not ready after 60 s:\n" + log());
    }

    /** Waits until every target has been scraped successfully at least {@code scrapes} times. */
    void awaitScrapes(int targets, int scrapes) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Result up = query("sum_over_time(up[1m])");
            if (up.error() == null && up.series().size() >= targets
                    && up.series().stream().allMatch(series -> series.path("value").get(1).asDouble() >= scrapes)) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("targets not scraped " + scrapes + " times: " + query("up") + "\n" + log());
    }

    /** An instant query's outcome: an error message, or the resulting series. */
    record Result(String error, List<JsonNode> series) {
    }

    Result query(String promql) {
        URI uri = URI.create(url + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asString())) {
                return new Result(body.path("errorType").asString() + ": " + body.path("error").asString(),
                        List.of());
            }
            List<JsonNode> series = new ArrayList<>();
            body.path("data").path("result").forEach(series::add);
            return new Result(null, series);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
