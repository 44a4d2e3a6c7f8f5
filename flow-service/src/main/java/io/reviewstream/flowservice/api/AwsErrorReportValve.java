package io.reviewstream.flowservice.api;

import io.reviewstream.schemas.web.ErrorBodyValve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;

import java.io.IOException;

/**
 * The web server's own refusals (a request line or header over the limit, escapes it will not decode such as
 * {@code %2F} or {@code %ff}) in the AWS error shape, which the SDKs parse.
 */
public final class AwsErrorReportValve extends ErrorBodyValve {

    @Override
    protected void writeError(Request request, Response response, int status) throws IOException {
        ServerErrors.write(response, request.getRequestURI(), status);
    }
}
