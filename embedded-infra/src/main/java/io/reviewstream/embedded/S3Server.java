package io.reviewstream.embedded;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real S3-compatible server (S3Proxy) storing objects as files under one folder, with AWS Signature V4
 * authentication. It can be stopped and started again on the same port and data, which is how tests take storage
 * away from a writer and give it back.
 */
public final class S3Server implements AutoCloseable {

    public static final String REGION = "us-east-1";

    private final Path baseDir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private TestCertificates tls;
    private int tlsPort;
    private S3Proxy proxy;
    private BlobStore store;

    public S3Server(Path baseDir, int port, String accessKey, String secretKey) {
        this.baseDir = baseDir;
        this.port = port == 0 ? FreePorts.next() : port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Also serves HTTPS, with the certificate in {@code certificates}, as object storage with a private CA. */
    public synchronized S3Server withTls(TestCertificates certificates) {
        if (proxy != null) {
            throw new IllegalStateException("TLS is set before the server starts");
        }
        this.tls = certificates;
        this.tlsPort = FreePorts.next();
        return this;
    }

    public synchronized S3Server start() {
        if (proxy != null) {
            return this;
        }
        try {
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
        store = BlobStores.create("filesystem", properties);
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .endpoint(URI.create("http://127.0.0.1:" + port));
        if (tls != null) {
            builder.secureEndpoint(URI.create(tlsEndpoint()))
                    .keyStore(tls.keyStore().toAbsolutePath().toString(), tls.password());
        }
        proxy = builder.build();
        try {
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on port " + port, e);
        }
        return this;
    }

    /** Creates the bucket if it does not exist yet. */
    public void createBucket(String name) {
        if (!store.containerExists(name)) {
            store.createContainer(name);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String tlsEndpoint() {
        if (tls == null) {
            throw new IllegalStateException("The server has no TLS endpoint");
        }
        return "https://127.0.0.1:" + tlsPort;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public synchronized void close() {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not stop", e);
            } finally {
                proxy = null;
                store = null;
            }
        }
    }
}
