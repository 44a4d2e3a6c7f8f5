package io.reviewstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3-compatible endpoint (S3Proxy) storing objects as files under a folder: buckets are
 * sub-folders, so the data outlives the process and a stopped server starts again with it.
 */
public final class S3Server implements AutoCloseable {

    public static final String REGION = "us-east-1";
    private static final Logger log = LoggerFactory.getLogger(S3Server.class);

    private final String host;
    private final int port;
    private final Path dir;
    private final String accessKey;
    private final String secretKey;
    private final BlobStore blobStore;
    private S3Proxy proxy;

    private S3Server(String host, int port, Path dir, String accessKey, String secretKey) {
        this.host = host;
        this.port = port;
        this.dir = dir;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        this.blobStore = BlobStores.create("filesystem", properties);
    }

    /** Starts the endpoint on {@code port} (0 = any free port) keeping objects under {@code dir}. */
    public static S3Server start(String host, int port, Path dir, String accessKey, String secretKey) {
        try {
            // the filesystem store refuses a base folder that does not exist
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 data folder " + dir, e);
        }
        S3Server server = new S3Server(host, FreePorts.resolve(host, port), dir, accessKey, secretKey);
        server.start();
        return server;
    }

    public String endpoint() {
        return "http://" + host + ":" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Starts serving again on the same port and data after {@link #stop()}; no-op when running. */
    public synchronized void start() {
        if (proxy != null) {
            return;
        }
        S3Proxy started = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            started.start();
            while (!"STARTED".equals(started.getState())) {
                if ("FAILED".equals(started.getState())) {
                    throw new IllegalStateException("S3Proxy failed to start on " + endpoint());
                }
                Waits.pause();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy failed to start on " + endpoint(), e);
        }
        proxy = started;
        log.info("S3 endpoint ready at {} (data in {})", endpoint(), dir);
    }

    /** Stops serving (clients get connection errors) and keeps the data; see {@link #start()}. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy failed to stop", e);
        }
        proxy = null;
    }

    /** Creates the bucket unless it exists. */
    public void createBucket(String name) {
        if (!blobStore.containerExists(name)) {
            blobStore.createContainer(name);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        blobStore.close();
    }
}
