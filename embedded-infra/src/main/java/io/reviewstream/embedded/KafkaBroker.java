package io.reviewstream.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node Kafka broker in KRaft mode, in this JVM. The log directory is formatted only once, so a broker
 * started again on the same directory resumes with its topics and offsets.
 *
 * <p>Besides its plaintext listener it can open the ones managed clusters require: SASL_SSL, with SCRAM-SHA-512
 * logins of users created through the Admin API (and PLAIN logins of users given before the start, and OAUTHBEARER
 * logins with unsigned tokens), and SSL that requires a client certificate (mutual TLS), each with certificates the
 * caller generated.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private TestCertificates saslSslCertificates;
    private int saslSslPort;
    private final Map<String, String> plainUsers = new LinkedHashMap<>();
    private boolean unsecuredOAuthBearer;
    private TestCertificates mutualTlsCertificates;
    private TestCertificates mutualTlsClient;
    private int mutualTlsPort;
    private KafkaRaftServer server;

    public KafkaBroker(Path logDir, int port, int controllerPort) {
        this.logDir = logDir;
        this.port = port == 0 ? FreePorts.next() : port;
        this.controllerPort = controllerPort == 0 ? FreePorts.next() : controllerPort;
    }

    public synchronized KafkaBroker start() {
        if (server != null) {
            return this;
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties properties = properties();
        Path configFile = logDir.resolveSibling(logDir.getFileName() + ".properties");
        formatOnce(properties, configFile);
        server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
        server.startup();
        return this;
    }

    /** Opens a SASL_SSL listener with SCRAM-SHA-512 logins and the certificate in {@code certificates}. */
    public synchronized KafkaBroker withSaslSsl(TestCertificates certificates) {
        if (server != null) {
            throw new IllegalStateException("Listeners are set before the broker starts");
        }
        this.saslSslCertificates = certificates;
        this.saslSslPort = FreePorts.next();
        return this;
    }

    /** Lets {@code user} log in with SASL/PLAIN on the SASL_SSL listener too, as Confluent Cloud's API keys do. */
    public synchronized KafkaBroker withPlainUser(String user, String password) {
        if (server != null) {
            throw new IllegalStateException("PLAIN users are set before the broker starts");
        }
        plainUsers.put(user, password);
        return this;
    }

    /**
     * Lets clients log in with SASL/OAUTHBEARER on the SASL_SSL listener too. The broker takes Kafka's unsecured
     * tokens, which carry no signature: enough to show that a client's OAUTHBEARER settings reach the broker, while a
     * real cluster validates tokens against its identity provider's keys.
     */
    public synchronized KafkaBroker withUnsecuredOAuthBearer() {
        if (server != null) {
            throw new IllegalStateException("SASL mechanisms are set before the broker starts");
        }
        unsecuredOAuthBearer = true;
        return this;
    }

    /**
     * Opens an SSL listener with the certificate in {@code certificates} that admits only clients presenting the
     * certificate of {@code client}.
     */
    public synchronized KafkaBroker withMutualTls(TestCertificates certificates, TestCertificates client) {
        if (server != null) {
            throw new IllegalStateException("Listeners are set before the broker starts");
        }
        this.mutualTlsCertificates = certificates;
        this.mutualTlsClient = client;
        this.mutualTlsPort = FreePorts.next();
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public String mutualTlsBootstrapServers() {
        if (mutualTlsCertificates == null) {
            throw new IllegalStateException("The broker has no mutual TLS listener");
        }
        return "127.0.0.1:" + mutualTlsPort;
    }

    public String saslSslBootstrapServers() {
        if (saslSslCertificates == null) {
            throw new IllegalStateException("The broker has no SASL_SSL listener");
        }
        return "127.0.0.1:" + saslSslPort;
    }

    /**
     * Creates or updates a SCRAM-SHA-512 user, and returns once the broker knows it, so that a login right after
     * succeeds.
     */
    public void upsertScramUser(String user, String password) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get();
            while (!admin.describeUserScramCredentials(List.of(user)).all().get().containsKey(user)) {
                Thread.sleep(20);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Creating the SCRAM user " + user + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (saslSslCertificates != null) {
            addSaslSslListener(p);
        }
        if (mutualTlsCertificates != null) {
            addMutualTlsListener(p);
        }
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        // A single broker cannot satisfy the default replication of internal topics: exactly-once
        // transactions would hang waiting for replicas that will never exist.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    /** Clients log in there; the broker and its controller keep talking over plaintext. */
    private void addSaslSslListener(Properties p) {
        addListener(p, "SASL_SSL", "SASL_SSL", saslSslPort, saslSslCertificates);
        List<String> mechanisms = new ArrayList<>(List.of("SCRAM-SHA-512"));
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        if (!plainUsers.isEmpty()) {
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
            plainUsers.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password)
                    .append('"'));
            p.put("listener.name.sasl_ssl.plain.sasl.jaas.config", jaas.append(';').toString());
            mechanisms.add("PLAIN");
        }
        if (unsecuredOAuthBearer) {
            // without a JWKS endpoint the broker validates with Kafka's unsecured validator
            p.put("listener.name.sasl_ssl.oauthbearer.sasl.jaas.config",
                    "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                            + "unsecuredLoginStringClaim_sub=\"broker\";");
            mechanisms.add("OAUTHBEARER");
        }
        p.put("sasl.enabled.mechanisms", String.join(",", mechanisms));
    }

    private void addMutualTlsListener(Properties p) {
        addListener(p, "MTLS", "SSL", mutualTlsPort, mutualTlsCertificates);
        p.put("listener.name.mtls.ssl.client.auth", "required");
        p.put("listener.name.mtls.ssl.truststore.location", mutualTlsClient.trustStore().toAbsolutePath().toString());
        p.put("listener.name.mtls.ssl.truststore.password", mutualTlsClient.password());
        p.put("listener.name.mtls.ssl.truststore.type", "PKCS12");
    }

    private static void addListener(Properties p, String name, String protocol, int port,
                                    TestCertificates certificates) {
        String listener = name + "://127.0.0.1:" + port;
        p.put("listeners", p.getProperty("listeners") + "," + listener);
        p.put("advertised.listeners", p.getProperty("advertised.listeners") + "," + listener);
        p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map") + "," + name + ":"
                + protocol);
        String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".ssl.";
        p.put(prefix + "keystore.location", certificates.keyStore().toAbsolutePath().toString());
        p.put(prefix + "keystore.password", certificates.password());
        p.put(prefix + "key.password", certificates.password());
        p.put(prefix + "keystore.type", "PKCS12");
    }

    private void formatOnce(Properties properties, Path configFile) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try (var out = Files.newBufferedWriter(configFile)) {
            properties.store(out, "Reviewstream embedded broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[]{"format", "--config", configFile.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"}, print);
        }
        if (code != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }
}
