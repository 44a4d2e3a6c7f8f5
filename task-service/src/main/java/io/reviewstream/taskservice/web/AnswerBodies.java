package io.reviewstream.taskservice.web;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an answer's body up to a limit: a declared length over it is refused before a byte is read, and a body
 * without one (chunked) as soon as its bytes pass the limit, so an over-size answer is never held in memory whole.
 */
final class AnswerBodies {

    /** The body is longer than the limit. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final int maxBytes;

    AnswerBodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    int maxBytes() {
        return maxBytes;
    }

    byte[] read(HttpServletRequest request) throws IOException, TooLarge {
        if (request.getContentLengthLong() > maxBytes) {
            throw new TooLarge();
        }
        InputStream body = request.getInputStream();
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new TooLarge();
        }
        return bytes;
    }
}
