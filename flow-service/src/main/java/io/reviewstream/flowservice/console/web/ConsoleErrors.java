package io.reviewstream.flowservice.console.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The console API's error shape: {@code {"code": …, "message": …, "fields": {member: message}}}, where fields (only
 * for validation errors) name the members of the request that broke a rule, so that a page shows each message
 * next to its field.
 */
public final class ConsoleErrors {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ConsoleErrors() {
    }

    public static ObjectNode body(String code, String message, Map<String, String> fields) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("message", message);
        if (!fields.isEmpty()) {
            ObjectNode byField = body.putObject("fields");
            fields.forEach(byField::put);
        }
        return body;
    }

    public static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        byte[] json = JSON.writeValueAsBytes(body(code, message, Map.of()));
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
