package io.reviewstream.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry, run from its distribution on Maven Central as a child JVM. Reviewstream talks to it only
 * through its Confluent-compatible API. Its storage is an H2 database file under the data folder, so schemas, and
 * with them the ids inside records already on topics, survive a restart.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final Path dataDir;
    private final int port;
    private Process process;

    public SchemaRegistryServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port == 0 ? FreePorts.next() : port;
    }

    public synchronized SchemaRegistryServer start() {
        if (process != null) {
            return this;
        }
        Path home = distribution();
        try {
            Files.createDirectories(dataDir);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.datasource.jdbc.min-size=1",
                    "-Dquarkus.datasource.jdbc.initial-size=1",
                    "-Dquarkus.datasource.jdbc.max-size=10",
                    "-jar", runnerJar(home).toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("registry.log").toFile()));
            builder.environment().put("REGISTRY_DATASOURCE_URL",
                    "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the schema registry", e);
        }
        awaitReady();
        return this;
    }

    /** Base URL of the Confluent-compatible API, the one to give to serdes and Confluent clients. */
    public String url() {
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The schema registry exited with code " + process.exitValue()
                        + "; see " + dataDir.resolve("registry.log"));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("The schema registry did not answer within " + STARTUP_TIMEOUT
                + "; see " + dataDir.resolve("registry.log"));
    }

    /**
     * The unpacked distribution, shared by every JVM on the machine. Unpacking goes to a private folder first and is
     * renamed into place, so two JVMs starting at once never see a half-unpacked copy.
     */
    private static Path distribution() {
        Properties build = buildProperties();
        String version = build.getProperty("apicurio.version");
        Path home = Path.of(System.getProperty("user.home"), ".cache", "reviewstream", "apicurio-registry-" + version);
        if (Files.isDirectory(home)) {
            return home;
        }
        Path archive = archive(build);
        try {
            Files.createDirectories(home.getParent());
            Path staging = Files.createTempDirectory(home.getParent(), "unpacking-");
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", staging.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("Cannot unpack " + archive + ": " + output);
            }
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException raced) {
                // another JVM finished first; its copy is as good as ours
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + archive, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while unpacking the schema registry", e);
        }
    }

    private static Path archive(Properties build) {
        String version = build.getProperty("apicurio.version");
        String relative = "io/apicurio/apicurio-registry-app/" + version + "/apicurio-registry-app-" + version
                + "-all.tar.gz";
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(build.getProperty("apicurio.archive")));
        String localRepository = System.getProperty("maven.repo.local");
        if (localRepository != null) {
            candidates.add(Path.of(localRepository, relative));
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", relative));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
                new IllegalStateException("The schema registry distribution is not in the local Maven repository"
                        + " (looked at " + candidates + "); build the project with Maven first"));
    }

    private static Path runnerJar(Path home) throws IOException {
        try (var files = Files.list(home)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No runner jar in " + home));
        }
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = SchemaRegistryServer.class.getResourceAsStream("/reviewstream-embedded.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
