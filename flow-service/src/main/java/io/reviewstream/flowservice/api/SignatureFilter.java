package io.reviewstream.flowservice.api;

import io.reviewstream.flowservice.auth.AuthenticationException;
import io.reviewstream.flowservice.auth.CallRates;
import io.reviewstream.flowservice.auth.SignatureV4;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The API's front door: every call gets a request id ({@code x-amzn-RequestId}, which both SDKs surface), its
 * Signature Version 4 must hold and its key be within its call rate before anything else runs. What the signature
 * says of itself is checked before the body is read; the body is then read once (the signature covers it, the
 * controller parses it). Actuator endpoints and template downloads are not part of
 * the AWS API and pass untouched.
 */
public final class SignatureFilter extends OncePerRequestFilter {

    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    /** The caller's access key id, for logs and metrics. */
    public static final String ACCESS_KEY_ATTRIBUTE = SignatureFilter.class.getName() + ".accessKeyId";

    private final SignatureV4 signature;
    private final CallRates rates;
    private final int maxBodyBytes;

    public SignatureFilter(SignatureV4 signature, CallRates rates, int maxBodyBytes) {
        this.signature = signature;
        this.rates = rates;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/") || path.equals(Protocol.RUNTIME_PATH)
                || path.startsWith(Protocol.RUNTIME_PATH + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(REQUEST_ID_HEADER, UUID.randomUUID().toString());
        Protocol protocol = Protocol.of(request);
        Function<String, List<String>> headers = name -> Collections.list(request.getHeaders(name));
        String accessKeyId;
        CachedBody read;
        try {
            // before the body is read: a caller without a key must not get the server to take in a large body
            signature.checkHeaders(headers);
            if (request.getContentLengthLong() > maxBodyBytes) {
                tooLarge(response, protocol);
                return;
            }
            byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                tooLarge(response, protocol);
                return;
            }
            accessKeyId = signature.verify(new SignatureV4.SignedRequest(request.getMethod(),
                    request.getRequestURI(), request.getQueryString(), headers, body));
            read = new CachedBody(request, body);
        } catch (AuthenticationException refused) {
            ErrorWriter.write(response, protocol, ApiError.of(refused.reason()), refused.getMessage());
            return;
        }
        request.setAttribute(ACCESS_KEY_ATTRIBUTE, accessKeyId);
        if (!rates.tryAcquire(accessKeyId)) {
            ErrorWriter.write(response, protocol, ApiError.THROTTLING, "Rate exceeded");
            return;
        }
        chain.doFilter(read, response);
    }

    private void tooLarge(HttpServletResponse response, Protocol protocol) throws IOException {
        ErrorWriter.write(response, protocol, ApiError.VALIDATION,
                "The request body is larger than " + maxBodyBytes + " bytes");
    }

    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body has already been read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
