package io.reviewstream.flowservice.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * The error page the web server forwards to when a request ends in an error outside the controllers (a method the
 * server refuses, such as TRACE): the AWS error shape, in place of Spring Boot's own JSON, which the SDKs cannot
 * parse.
 */
@RestController
public class AwsErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ServerErrors.write(response, (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                status instanceof Integer code ? code : response.getStatus());
    }
}
