package io.reviewstream.flowservice.api;

import io.reviewstream.flowservice.domain.RejectedException;
import io.reviewstream.flowservice.kafka.PublishException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;

/**
 * Every failure leaves in the shape the caller's SDK parses: a refusal of the API or the domain as its error, a call
 * to no operation as UnknownOperationException, a write Kafka did not take as ServiceUnavailable, and anything
 * unexpected as the protocol's internal error, logged here.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    public void rejected(ApiException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ErrorWriter.write(response, Protocol.of(request), e.error(), e.getMessage());
    }

    @ExceptionHandler(RejectedException.class)
    public void rejected(RejectedException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ErrorWriter.write(response, Protocol.of(request), ApiError.of(e.rejection()), e.getMessage());
    }

    @ExceptionHandler(PublishException.class)
    public void notPublished(PublishException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e.getCause());
        ErrorWriter.write(response, Protocol.of(request), ApiError.UNAVAILABLE, e.getMessage() + "; retry the call");
    }

    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, NoResourceFoundException.class})
    public void noSuchOperation(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ErrorWriter.write(response, Protocol.of(request), ApiError.UNKNOWN_OPERATION,
                request.getMethod() + " " + request.getRequestURI() + " is not an operation of this API");
    }

    @ExceptionHandler(Exception.class)
    public void failed(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        ErrorWriter.write(response, Protocol.of(request), ApiError.INTERNAL,
                "The request could not be processed; it is safe to retry");
    }
}
