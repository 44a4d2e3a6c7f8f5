package io.reviewstream.taskservice.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The error page every refusal the application does not answer itself ends at (a missing CSRF token, a wrong
 * method, an exception): the worker API's error shape for its status, and nothing of the exception. Exceptions are
 * logged where they are thrown.
 */
@RestController
public class WorkerErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<Map<String, String>> error(HttpServletRequest request) {
        return WorkerErrors.response(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status
                && status >= 400 ? status : 500);
    }
}
