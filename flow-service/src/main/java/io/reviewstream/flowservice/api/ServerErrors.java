package io.reviewstream.flowservice.api;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.UUID;

/**
 * The answer to a request the web server refused before any operation ran, in the AWS error shape like every other
 * error: the status it refused with becomes an error of the caller's protocol. The message is one of a few fixed
 * texts, never the server's own, which would tell a caller about the server's internals.
 */
final class ServerErrors {

    private ServerErrors() {
    }

    static void write(HttpServletResponse response, String path, int httpStatus) throws IOException {
        ApiError error = ApiError.ofServerStatus(httpStatus);
        response.setHeader(SignatureFilter.REQUEST_ID_HEADER, UUID.randomUUID().toString());
        ErrorWriter.write(response, Protocol.ofPath(path), error, message(error));
    }

    private static String message(ApiError error) {
        return switch (error) {
            case UNKNOWN_OPERATION -> "The request's method and path are no operation of this API";
            case VALIDATION -> "The request could not be read: its path, query, headers or body are malformed or "
                    + "over the size limits";
            case UNAVAILABLE -> "The service is unavailable; retry the call";
            default -> "The request could not be processed";
        };
    }
}
