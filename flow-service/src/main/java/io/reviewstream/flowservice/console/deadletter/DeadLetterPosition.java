package io.reviewstream.flowservice.console.deadletter;

import io.reviewstream.flowservice.api.ApiException;

/** Where a dead letter is on the dead-letter topic, written {@code partition-offset} in URLs. */
public record DeadLetterPosition(int partition, long offset) {

    public static DeadLetterPosition parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        try {
            DeadLetterPosition position = new DeadLetterPosition(Integer.parseInt(text.substring(0, dash)),
                    Long.parseLong(text.substring(dash + 1)));
            if (position.partition() < 0 || position.offset() < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (RuntimeException e) {
            throw ApiException.validation("A dead letter is named partition-offset, such as 0-42; not " + text);
        }
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
