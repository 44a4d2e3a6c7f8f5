package io.reviewstream.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry, run as a child JVM from the server distribution this module depends
 * on. Its schemas live in an H2 database file under the data folder, so a registry restarted on
 * the same folder hands out the same schema ids and every record written before stays decodable.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private final String host;
    private final int port;
    private final Path dataDir;
    private final Path distribution;
    private Process process;
    private Thread exitHook;

    private SchemaRegistryServer(String host, int port, Path dataDir, Path distribution) {
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.distribution = distribution;
    }

    /**
     * Starts the registry on {@code port} (0 = any free port) with its database under {@code dataDir};
     * the distribution is unpacked once into {@code cacheDir} and shared by every later start.
     */
    public static SchemaRegistryServer start(String host, int port, Path dataDir, Path cacheDir) {
        SchemaRegistryServer server = new SchemaRegistryServer(host, FreePorts.resolve(host, port), dataDir,
                distribution(cacheDir));
        server.startProcess();
        return server;
    }

    /** Base URL of the Confluent-compatible API, as the serdes expect it. */
    public String url() {
        return "http://" + host + ":" + port + CCOMPAT_PATH;
    }

    public int port() {
        return port;
    }

    /** Stops and starts the child process on the same port and database. */
    public synchronized void restart() {
        close();
        startProcess();
    }

    private synchronized void startProcess() {
        try {
            Files.createDirectories(dataDir);
            Path runner = runnerJar(distribution);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.host=" + host,
                    "-Dquarkus.http.port=" + port,
                    // the "in-memory" storage is H2: pointing it at a file makes it survive restarts
                    "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dataDir.resolve("registry").toAbsolutePath()
                            + ";DB_CLOSE_ON_EXIT=FALSE",
                    "-Dquarkus.datasource.jdbc.initial-size=1",
                    "-Dquarkus.datasource.jdbc.min-size=1",
                    "-Dquarkus.datasource.jdbc.max-size=10",
                    "-jar", runner.toString()));
            process = new ProcessBuilder(command)
                    .directory(distribution.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("registry.log").toFile()))
                    .start();
            exitHook = new Thread(process::destroyForcibly, "schema-registry-reaper");
            Runtime.getRuntime().addShutdownHook(exitHook);
            awaitReady();
            log.info("Schema registry ready at {} (data in {})", url(), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the schema registry", e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the schema registry exited with code " + process.exitValue()
                        + "; see " + dataDir.resolve("registry.log"));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            } catch (IOException notYet) {
                // still starting
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("the schema registry did not answer at " + url());
            }
            Waits.pause();
        }
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
        process = null;
    }

    private static Path runnerJar(Path distribution) throws IOException {
        try (Stream<Path> files = Files.list(distribution)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no runner jar in " + distribution));
        }
    }

    /** The unpacked distribution; unpacked into a temporary folder and renamed, so concurrent JVMs never see half of it. */
    private static Path distribution(Path cacheDir) {
        Properties build = buildProperties();
        String version = build.getProperty("apicurio.version");
        Path target = cacheDir.resolve("apicurio-registry-" + version);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path archive = archive(build.getProperty("maven.local-repository"), version);
        Path temp = cacheDir.resolve(target.getFileName() + ".unpacking-" + UUID.randomUUID());
        try {
            Files.createDirectories(cacheDir);
            log.info("Unpacking the schema registry {} into {}", version, target);
            TarGz.unpack(archive, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // another JVM renamed its copy first: use that one
                if (!Files.isDirectory(target)) {
                    throw raced;
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the schema registry from " + archive, e);
        } finally {
            Folders.deleteQuietly(temp);
        }
    }

    private static Path archive(String buildRepository, String version) {
        String relative = "io/apicurio/apicurio-registry-app/" + version + "/apicurio-registry-app-" + version
                + "-all.tar.gz";
        List<String> repositories = new ArrayList<>();
        if (buildRepository != null && !buildRepository.startsWith("@")) {
            repositories.add(buildRepository);
        }
        if (System.getProperty("maven.repo.local") != null) {
            repositories.add(System.getProperty("maven.repo.local"));
        }
        repositories.add(Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return repositories.stream().map(repository -> Path.of(repository).resolve(relative))
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("the schema registry distribution " + relative
                        + " is not in the local Maven repository (looked in " + repositories
                        + "); build the project with Maven first"));
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = SchemaRegistryServer.class.getResourceAsStream("embedded-infra.properties")) {
            if (in == null) {
                throw new IllegalStateException("embedded-infra.properties is missing from the classpath");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
