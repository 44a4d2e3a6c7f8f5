package io.reviewstream.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service run the way a user runs it: {@code java -jar} of the executable jar its module builds, with the
 * settings as {@code --key=value} arguments and no other system property, in a child JVM of this JDK with the JVM
 * options its caller chose (tests keep the heap small and start fast, a benchmark gives each service its heap).
 */
public final class ServiceProcess implements AutoCloseable {

    /** The classifier of each service's executable jar, next to the plain jar other modules depend on. */
    public static final String JAR_CLASSIFIER = "exec";
    private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final Map<String, String> settings;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;

    public ServiceProcess(String module, Map<String, String> settings, List<String> jvmOptions, Path logDir) {
        this.module = module;
        this.settings = settings;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = logDir.resolve(module + ".log");
        try {
            // one log per run, with every start of the service in it
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The jar {@code mvn package} builds in the module's target folder, found from a sibling module's folder (the
     * working directory of its tests and runs); the reactor builds it before them.
     */
    static Path executableJar(String module) {
        Path target = Path.of("").toAbsolutePath().getParent().resolve(module).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-" + JAR_CLASSIFIER + ".jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            // no target folder: reported below like a missing jar
        }
        throw new IllegalStateException("No executable jar of " + module + " in " + target
                + ": build the services with the tests, e.g. -pl standalone -am");
    }

    public void start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", executableJar(module).toString()));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + module, e);
        }
    }

    /** Like SIGKILL: no shutdown hook runs, nothing is flushed or committed on the way out. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Until the service's actuator reports UP: its Kafka Streams apps, if any, own their partitions. */
    public void awaitHealthy() throws InterruptedException {
        URI health = URI.create(url() + "/actuator/health");
        Instant deadline = Instant.now().plus(HEALTHY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(module + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError(module + " not healthy within " + HEALTHY_TIMEOUT + ", see " + log);
    }

    public String url() {
        return "http://localhost:" + settings.get("server.port");
    }

    /** The running JVM's process id, for {@code jcmd}. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
