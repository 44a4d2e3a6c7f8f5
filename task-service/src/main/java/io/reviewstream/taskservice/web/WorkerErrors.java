package io.reviewstream.taskservice.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker API's error answer, {@code {"error": code, "message": text}}, whoever gives it: the API itself, the
 * error page, Tomcat's own refusals and sign-in throttling. Messages are the service's own fixed texts, never an
 * exception's, which could name classes, topics or brokers.
 */
public final class WorkerErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WorkerErrors() {
    }

    public static ResponseEntity<Map<String, String>> response(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(code, message));
    }

    /** The answer for a status that has no code of the API's own, such as Tomcat's 400 for a malformed URI. */
    public static ResponseEntity<Map<String, String>> response(int status) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(body(code(status), message(status)));
    }

    public static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        byte[] json = JSON.writeValueAsBytes(body(code, message));
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** The body for a status alone, as text. */
    static String json(int status) {
        return JSON.writeValueAsString(body(code(status), message(status)));
    }

    /** The status's reason phrase as one word: 405 is {@code MethodNotAllowed}. */
    static String code(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase().replaceAll("[^A-Za-z]", "");
    }

    private static String message(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "The request failed" : known.getReasonPhrase();
    }

    private static Map<String, String> body(String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message == null ? "" : message);
        return body;
    }
}
