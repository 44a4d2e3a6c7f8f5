package io.reviewstream.flowservice.console.audit;

import io.reviewstream.flowservice.kafka.Publisher;
import io.reviewstream.schemas.avro.ConsoleAuditEvent;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every change made through the console, on {@code rs.console-audit}: who, when, what to what, and how it ended. A
 * change is recorded after it was made or refused; a refusal is recorded too, as an attempt says something of its
 * own. The record is written before the console answers, so a change the console reports has its record.
 */
public final class ConsoleAudit {

    public static final String SUCCEEDED = "Succeeded";
    private static final Logger log = LoggerFactory.getLogger(ConsoleAudit.class);

    private final Publisher publisher;
    private final Topics topics;
    private final Envelopes envelopes;

    public ConsoleAudit(Publisher publisher, Topics topics, Envelopes envelopes) {
        this.publisher = publisher;
        this.topics = topics;
        this.envelopes = envelopes;
    }

    /** @param outcome {@link #SUCCEEDED}, or the error code the change was refused with */
    public void record(Authentication who, String action, String target, String outcome) {
        record(who, action, target, outcome, null);
    }

    public void record(Authentication who, String action, String target, String outcome, String detail) {
        ConsoleAuditEvent.Builder event = ConsoleAuditEvent.newBuilder()
                .setEnvelope(envelopes.next(""))
                .setUser(who.getName())
                .setAction(action)
                .setTarget(target)
                .setOutcome(outcome)
                .setDetail(detail);
        if (who.getPrincipal() instanceof OidcUser oidc) {
            String name = oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : oidc.getEmail();
            event.setUser(name != null ? name : oidc.getSubject())
                    .setIssuer(String.valueOf(oidc.getIssuer()))
                    .setSubject(oidc.getSubject());
        }
        ConsoleAuditEvent record = event.build();
        publisher.send(topics.consoleAudit, target, record);
        log.info("Console: {} {} {} by {}", action, target, outcome, record.getUser());
    }

    /**
     * Runs a change and records it: its success, or the refusal's code and message (the refusal is then thrown on,
     * to be answered as usual).
     */
    public <T> T audited(Authentication who, String action, String target, Supplier<T> change,
                         Function<RuntimeException, String> codeOf) {
        T result;
        try {
            result = change.get();
        } catch (RuntimeException e) {
            record(who, action, target, codeOf.apply(e), e.getMessage());
            throw e;
        }
        record(who, action, target, SUCCEEDED);
        return result;
    }
}
