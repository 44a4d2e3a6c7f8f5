package io.reviewstream.flowservice.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: requests no client library would send (bad escapes, huge request lines and
 * headers, any method, duplicated headers), one connection each, and the answer as it came.
 */
final class RawHttp {

    /** @param headers header names in lower case */
    record Response(int status, Map<String, List<String>> headers, byte[] body, long nanos) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** @param headers sent as given, in order; Host, Content-Length and Connection are added */
    static Response send(int port, String method, String target, List<String[]> headers, byte[] body)
            throws IOException {
        return send(port, method, target, headers, body, body.length);
    }

    /** @param contentLength the length declared, which may be more than is sent: the rest never comes */
    static Response send(int port, String method, String target, List<String[]> headers, byte[] body,
                         long contentLength) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n");
            for (String[] header : headers) {
                head.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
            head.append("Content-Length: ").append(contentLength).append("\r\nConnection: close\r\n\r\n");
            request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading a body it refuses; its answer is still there
            }
            return read(socket.getInputStream(), start);
        }
    }

    /**
     * Reads the answer as far as it goes, not to the end of the connection: a server that answers before it has
     * read a request's body may keep the connection open for the rest of it.
     */
    private static Response read(InputStream in, long start) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 4 || indexOf(head.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("No complete response head in " + head.size() + " bytes");
            }
            head.write(b);
        }
        byte[] raw = head.toByteArray();
        String[] lines = new String(raw, 0, raw.length - 4, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        List<String> encoding = headers.get("transfer-encoding");
        List<String> length = headers.get("content-length");
        byte[] body;
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            body = unchunk(in);
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body, System.nanoTime() - start);
    }

    private static byte[] unchunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("Truncated chunked body");
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            in.readNBytes(2);
        }
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i <= data.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
