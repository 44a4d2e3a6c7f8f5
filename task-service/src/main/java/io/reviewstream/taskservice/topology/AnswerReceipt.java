package io.reviewstream.taskservice.topology;

/**
 * What is kept of an answer after its loop may have ended, so that a retried submit is recognised: who answered,
 * with which idempotency key, and when (to forget it after the retention). Stored as {@code worker\nkey\nmillis}.
 */
record AnswerReceipt(String workerId, String idempotencyKey, long answeredAtMillis) {

    static AnswerReceipt parse(String stored) {
        int first = stored.indexOf('\n');
        int last = stored.lastIndexOf('\n');
        return new AnswerReceipt(stored.substring(0, first), stored.substring(first + 1, last),
                Long.parseLong(stored.substring(last + 1)));
    }

    String format() {
        return workerId + "\n" + idempotencyKey + "\n" + answeredAtMillis;
    }
}
