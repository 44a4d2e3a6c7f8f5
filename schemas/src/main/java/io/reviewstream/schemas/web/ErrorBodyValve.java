package io.reviewstream.schemas.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report for the requests it refuses itself (a request line or header over the limit, an escape it
 * will not decode, TRACE), which never reach the application: in the service's own error shape instead of Tomcat's
 * HTML page, which no client of the API can parse. It keeps {@link ErrorReportValve}'s rules of when to write at all;
 * a subclass says only what the error looks like.
 */
public abstract class ErrorBodyValve extends ErrorReportValve {

    @Override
    protected final void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own report: only for an error nobody has answered yet, while the connection can take it
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            writeError(request, response, status);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already under way: there is nobody left to answer
        }
    }

    /** Writes the error for the status Tomcat refused the request with: headers and body. */
    protected abstract void writeError(Request request, Response response, int status) throws IOException;
}
