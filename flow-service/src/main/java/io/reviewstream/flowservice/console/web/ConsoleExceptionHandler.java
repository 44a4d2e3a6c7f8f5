package io.reviewstream.flowservice.console.web;

import io.reviewstream.flowservice.api.ApiError;
import io.reviewstream.flowservice.api.ApiException;
import io.reviewstream.flowservice.api.Protocol;
import io.reviewstream.flowservice.domain.RejectedException;
import io.reviewstream.flowservice.kafka.PublishException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console API's refusals in {@link ConsoleErrors}' shape, with the status the runtime API models for the same
 * error (400, 404, 409, …): the domain is the AWS API's, so are its refusals, only their encoding differs.
 */
@RestControllerAdvice(basePackages = "io.reviewstream.flowservice.console")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ConsoleExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ObjectNode> rejected(ApiException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        e.violations().forEach(v -> fields.merge(v.member(), v.message(), (a, b) -> a + "; " + b));
        return answer(e.error(), e.getMessage(), fields);
    }

    @ExceptionHandler(RejectedException.class)
    public ResponseEntity<ObjectNode> rejected(RejectedException e) {
        return answer(ApiError.of(e.rejection()), e.getMessage(), Map.of());
    }

    @ExceptionHandler(PublishException.class)
    public ResponseEntity<ObjectNode> notPublished(PublishException e) {
        log.warn("Console: {}", e.getMessage(), e.getCause());
        return answer(ApiError.UNAVAILABLE, e.getMessage() + "; try again", Map.of());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            IllegalArgumentException.class})
    public ResponseEntity<ObjectNode> badRequest(Exception e) {
        return ResponseEntity.badRequest().body(ConsoleErrors.body("ValidationException", e.getMessage(), Map.of()));
    }

    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, NoResourceFoundException.class})
    public ResponseEntity<ObjectNode> notFound(Exception e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ConsoleErrors.body("NotFound", "No such console call", Map.of()));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ObjectNode> failed(Exception e) {
        log.error("Console call failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ConsoleErrors.body("InternalError",
                "The request could not be processed; it is safe to retry", Map.of()));
    }

    private static ResponseEntity<ObjectNode> answer(ApiError error, String message, Map<String, String> fields) {
        return ResponseEntity.status(error.status(Protocol.RUNTIME))
                .body(ConsoleErrors.body(error.code(Protocol.RUNTIME), message, fields));
    }
}
