package io.reviewstream.schemas.deadletter;

/** Why a record went to the dead-letter topic; written to the {@code rs.dlq.reason} header. */
public enum DeadLetterReason {
    /** The bytes are not a record of the topic's schema (nor, on rs.predictions, valid prediction JSON). */
    UNPARSABLE,
    /** Parsed, but a field breaks a documented constraint. */
    INVALID,
    /** The flow definition the record names does not exist. */
    UNKNOWN_FLOW_DEFINITION,
    /** The flow definition the record names has been deleted. */
    DELETED_FLOW_DEFINITION,
    /** The human task UI of the flow definition the record names has been deleted. */
    DELETED_TASK_UI,
    /** The activation conditions cannot be applied to this input. */
    CONDITIONS_NOT_APPLICABLE,
    /**
     * result-writer could not store the loop's output for good: its output path breaks S3's naming rules, or the
     * object store refused the object with an error that retrying cannot cure. The loop ended Failed.
     */
    OUTPUT_REJECTED,
    /** Processing failed for a reason not listed above; the message header says which. */
    PROCESSING_FAILED
}
