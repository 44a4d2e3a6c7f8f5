package io.reviewstream.flowservice.api;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report for the requests it refuses itself (a request line or header over the limit, escapes it
 * will not decode such as {@code %2F} or {@code %ff}), which never reach the application: in the AWS error shape
 * instead of Tomcat's HTML page, which no SDK can parse.
 */
public final class AwsErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own report: only for an error nobody has answered yet, while the connection can take it
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            ServerErrors.write(response, request.getRequestURI(), status);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already under way: there is nobody left to answer
        }
    }
}
