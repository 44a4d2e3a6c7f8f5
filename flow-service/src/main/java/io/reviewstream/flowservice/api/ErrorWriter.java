package io.reviewstream.flowservice.api;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes an error the way both AWS SDKs parse it: the code in {@code x-amzn-ErrorType} and again as the body's
 * {@code __type}, the text as {@code Message} (the member name the models use).
 */
public final class ErrorWriter {

    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ErrorWriter() {
    }

    public static byte[] body(Protocol protocol, ApiError error, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", error.code(protocol));
        body.put("Message", message);
        return JSON.writeValueAsBytes(body);
    }

    public static void write(HttpServletResponse response, Protocol protocol, ApiError error, String message)
            throws IOException {
        byte[] body = body(protocol, error, message);
        response.setStatus(error.status(protocol));
        response.setHeader(ERROR_TYPE_HEADER, error.code(protocol));
        response.setContentType(protocol.contentType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
