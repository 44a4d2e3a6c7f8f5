package io.reviewstream.schemas.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the cluster for its id once at start-up. A refused login or an untrusted certificate never heals, and every
 * client would retry it for ever, each with its own stack traces; so the service stops instead, naming the setting to
 * correct. A cluster that does not answer is left to the clients' retries: it may be starting too.
 */
public final class KafkaConnectionCheck {

    private static final Logger log = LoggerFactory.getLogger(KafkaConnectionCheck.class);

    private static final String TLS_SETTINGS = "spring.kafka.ssl.trust-store-location (the CA of the brokers' "
            + "certificates), spring.kafka.ssl.key-store-location (the client certificate, where brokers require one) "
            + "and spring.kafka.security.protocol";
    private static final String SASL_SETTINGS = "spring.kafka.properties.sasl.jaas.config (user and password) and "
            + "spring.kafka.properties.sasl.mechanism";

    private KafkaConnectionCheck() {
    }

    /** @param timeout how long to wait for an answer; zero skips the check */
    public static void verify(KafkaClients clients, Duration timeout) {
        if (timeout.isZero()) {
            return;
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Admin admin;
        try {
            admin = clients.admin(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis));
        } catch (KafkaException e) {
            throw new KafkaConnectionException("The Kafka clients cannot be configured: " + rootMessage(e),
                    "spring.kafka.bootstrap-servers, spring.kafka.ssl.* and spring.kafka.properties.*", e);
        }
        try (admin) {
            admin.describeCluster().clusterId().get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Optional<KafkaConnectionException> fatal = fatal(e.getCause());
            if (fatal.isPresent()) {
                throw fatal.get();
            }
            log.warn("Kafka did not answer at start-up; the clients keep trying: {}", e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("Kafka did not answer within {}; the clients keep trying", timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to Kafka", e);
        }
    }

    private static Optional<KafkaConnectionException> fatal(Throwable failure) {
        if (failure instanceof SslAuthenticationException) {
            return Optional.of(new KafkaConnectionException("The TLS handshake with Kafka failed: "
                    + rootMessage(failure), TLS_SETTINGS, failure));
        }
        if (failure instanceof SaslAuthenticationException) {
            return Optional.of(new KafkaConnectionException("Kafka refused the login: " + failure.getMessage(),
                    SASL_SETTINGS, failure));
        }
        if (failure instanceof AuthenticationException) {
            return Optional.of(new KafkaConnectionException("Kafka refused the connection: " + failure.getMessage(),
                    "spring.kafka.security.protocol and spring.kafka.properties.sasl.*", failure));
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
