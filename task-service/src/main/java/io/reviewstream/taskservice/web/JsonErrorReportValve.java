package io.reviewstream.taskservice.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What Tomcat refuses before the application sees the request (an encoded slash or NUL in the path, a malformed
 * header, TRACE) it answers through this valve: the worker API's JSON error for the status instead of Tomcat's HTML
 * page. It keeps {@link ErrorReportValve}'s rules of when to write at all.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(WorkerErrors.json(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone: there is no one to tell
        }
    }
}
