package io.reviewstream.schemas.event;

import io.reviewstream.schemas.avro.HumanLoopStatus;

/** A2I's spelling of loop statuses (InProgress, Completed, …), as the API, output and events show them. */
public final class HumanLoopStatuses {

    private HumanLoopStatuses() {
    }

    public static String wire(HumanLoopStatus status) {
        return switch (status) {
            case IN_PROGRESS -> "InProgress";
            case STOPPING -> "Stopping";
            case STOPPED -> "Stopped";
            case COMPLETED -> "Completed";
            case FAILED -> "Failed";
            case UNKNOWN -> "Unknown";
        };
    }
}
