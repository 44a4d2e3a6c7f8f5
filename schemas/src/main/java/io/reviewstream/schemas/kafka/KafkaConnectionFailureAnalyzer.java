package io.reviewstream.schemas.kafka;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused Kafka connection as what to correct, instead of a stack trace. */
public final class KafkaConnectionFailureAnalyzer extends AbstractFailureAnalyzer<KafkaConnectionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KafkaConnectionException cause) {
        return new FailureAnalysis(cause.problem(), "Correct " + cause.settings() + ".", cause);
    }
}
