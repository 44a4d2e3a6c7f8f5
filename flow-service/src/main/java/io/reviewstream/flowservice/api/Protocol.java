package io.reviewstream.flowservice.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The two wire protocols flow-service speaks on one base URL. They differ in how errors and timestamps are
 * encoded, so every response is written for the protocol of its request.
 */
public enum Protocol {

    /** sagemaker-a2i-runtime: REST-JSON under {@code /human-loops}, errors with their modeled HTTP status. */
    RUNTIME("application/json"),
    /** sagemaker: JSON 1.1, {@code POST /} with {@code X-Amz-Target}, client errors always 400. */
    CONTROL_PLANE("application/x-amz-json-1.1");

    public static final String RUNTIME_PATH = "/human-loops";

    private final String contentType;

    Protocol(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Protocol of(HttpServletRequest request) {
        return ofPath(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** @param path the request's path, as sent or decoded, or null when the request line could not be read */
    public static Protocol ofPath(String path) {
        return path != null && (path.equals(RUNTIME_PATH) || path.startsWith(RUNTIME_PATH + "/")) ? RUNTIME
                : CONTROL_PLANE;
    }
}
