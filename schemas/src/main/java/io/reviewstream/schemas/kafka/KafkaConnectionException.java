package io.reviewstream.schemas.kafka;

/** Kafka cannot be used with the configured connection settings, and retrying will not change that. */
public final class KafkaConnectionException extends IllegalStateException {

    private final String problem;
    private final String settings;

    KafkaConnectionException(String problem, String settings, Throwable cause) {
        super(problem + "; check " + settings, cause);
        this.problem = problem;
        this.settings = settings;
    }

    /** What went wrong, without the advice. */
    public String problem() {
        return problem;
    }

    /** The settings to correct. */
    public String settings() {
        return settings;
    }
}
