package io.reviewstream.templates;

/**
 * Turns an object reference from task input into a URL a worker's browser may read for a short time
 * (the {@code grant_read_access} filter).
 */
@FunctionalInterface
public interface ReadAccessGranter {

    /**
     * @param objectUri {@code s3://bucket/key} or {@code https://s3.amazonaws.com/bucket/key} (also the
     *                  virtual-hosted {@code https://bucket.s3.amazonaws.com/key} and regional forms)
     * @return a short-lived GET URL
     * @throws ReadAccessException when the reference cannot be granted
     */
    String grant(String objectUri);

    /** A granter for renders without object storage: every grant fails with a clear message. */
    static ReadAccessGranter unavailable() {
        return uri -> {
            throw new ReadAccessException("no object storage is configured to grant read access to " + uri);
        };
    }

    class ReadAccessException extends RuntimeException {
        public ReadAccessException(String message) {
            super(message);
        }

        public ReadAccessException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
