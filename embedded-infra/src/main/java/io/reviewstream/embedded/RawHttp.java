package io.reviewstream.embedded;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a plain socket, one connection per request, for tests of what a client library would never
 * send: bad escapes, huge request lines and headers, any method, duplicated headers, a body shorter than announced,
 * a body announced with {@code Expect: 100-continue} (whose refusal java.net.http of Java 17 cannot take), or a
 * request from another loopback address (a client address of its own to the server). The answer is returned as it
 * came.
 */
public final class RawHttp {

    /** @param headers header names in lower case */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, long nanos) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** @param headers sent as given, in order; Host, Content-Length and Connection are added */
    public static Response send(int port, String method, String target, List<String[]> headers, byte[] body)
            throws IOException {
        return send(port, method, target, headers, body, body.length);
    }

    /** @param contentLength the length declared, which may be more than is sent: the rest never comes */
    public static Response send(int port, String method, String target, List<String[]> headers, byte[] body,
                                long contentLength) throws IOException {
        List<String[]> all = new ArrayList<>(headers);
        all.add(new String[]{"Content-Length", Long.toString(contentLength)});
        return exchange("127.0.0.1", port, method, target, all, body);
    }

    /** A request without a body, from the given loopback address. */
    public static Response send(String from, int port, String method, String target, Map<String, String> headers)
            throws IOException {
        return exchange(from, port, method, target, list(headers), new byte[0]);
    }

    /**
     * A request that announces a body of the length and waits to be told to send it: the server's answer must come
     * without it.
     */
    public static Response announce(int port, String method, String target, Map<String, String> headers,
                                    long length) throws IOException {
        List<String[]> all = list(headers);
        all.add(new String[]{"Content-Length", Long.toString(length)});
        all.add(new String[]{"Expect", "100-continue"});
        return exchange("127.0.0.1", port, method, target, all, new byte[0]);
    }

    private static List<String[]> list(Map<String, String> headers) {
        List<String[]> list = new ArrayList<>();
        headers.forEach((name, value) -> list.add(new String[]{name, value}));
        return list;
    }

    private static Response exchange(String from, int port, String method, String target, List<String[]> headers,
                                     byte[] body) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    // the name, not the address: a signed request's signature covers the Host it was signed for
                    .append("Host: localhost:").append(port).append("\r\n");
            for (String[] header : headers) {
                head.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading a body it refuses; its answer is still there
            }
            return read(new BufferedInputStream(socket.getInputStream()), start);
        }
    }

    /**
     * Reads the answer as far as it goes, not to the end of the connection: a server that answers before it has
     * read a request's body may keep the connection open for the rest of it.
     */
    private static Response read(InputStream in, long start) throws IOException {
        String statusLine = line(in);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        List<String> encoding = headers.get("transfer-encoding");
        List<String> length = headers.get("content-length");
        byte[] body;
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                chunks.writeBytes(in.readNBytes(size));
                line(in);
            }
            body = chunks.toByteArray();
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body, System.nanoTime() - start);
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(line(in).split(";")[0].trim(), 16);
    }

    /** One line of the head, without its CR LF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("The connection closed in the middle of a line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
