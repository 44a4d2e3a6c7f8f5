package io.reviewstream.taskservice.web;

import io.reviewstream.schemas.web.ErrorBodyValve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * What Tomcat refuses before the application sees the request (an encoded slash or NUL in the path, a malformed
 * header, TRACE): the worker API's JSON error for the status.
 */
public final class JsonErrorReportValve extends ErrorBodyValve {

    @Override
    protected void writeError(Request request, Response response, int status) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer writer = response.getReporter();
        // null when part of another body is already buffered: that one is the answer, as in Tomcat's own report
        if (writer != null) {
            writer.write(WorkerErrors.json(status));
        }
    }
}
