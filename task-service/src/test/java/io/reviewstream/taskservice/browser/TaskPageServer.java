package io.reviewstream.taskservice.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reviewstream.templates.RenderContext;
import io.reviewstream.templates.TaskPage;
import io.reviewstream.templates.TaskPageContext;
import io.reviewstream.templates.TaskPageResult;
import io.reviewstream.templates.TemplateRenderer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * A tiny HTTP server for element-level browser tests: serves task pages rendered by the real template engine
 * (with their Content-Security-Policy header), the crowd assets from the classpath exactly as a Spring Boot app
 * serves {@code META-INF/resources}, a test image, and records what the page posts to the worker API.
 */
final class TaskPageServer implements AutoCloseable {

    static final String CSRF_HEADER = "X-CSRF-TOKEN";
    static final String CSRF_TOKEN = "csrf-test-token";
    static final int IMAGE_WIDTH = 400;
    static final int IMAGE_HEIGHT = 300;

    record Posted(String path, String csrf, String body) {
    }

    private final HttpServer server;
    private final Map<String, TaskPageResult> pages = new ConcurrentHashMap<>();
    private final BlockingQueue<Posted> posts = new LinkedBlockingQueue<>();
    private final TaskPage taskPage = new TaskPage(new TemplateRenderer());
    private final byte[] image = testImage();

    TaskPageServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Renders {@code template} with {@code inputJson} as task {@code id}; returns the page URL. */
    String addTask(String id, String template, String inputJson) {
        return addTask(id, template, inputJson, RenderContext.withoutObjectStorage());
    }

    /** As {@link #addTask(String, String, String)}, with every granted S3 reference served as the test image. */
    String addTaskWithObjects(String id, String template, String inputJson) {
        return addTask(id, template, inputJson,
                new RenderContext(uri -> baseUrl() + "/img/test.png", RenderContext.DEFAULT_ASSET_BASE_URL));
    }

    private String addTask(String id, String template, String inputJson, RenderContext context) {
        TaskPageResult page = taskPage.render(template, inputJson, context,
                TaskPageContext.forWorkerApi(id, Instant.now().plusSeconds(600), CSRF_HEADER, CSRF_TOKEN, "Test task " + id));
        if (!page.ok()) {
            throw new IllegalArgumentException("test template does not render: " + page.errors());
        }
        pages.put(id, page);
        return baseUrl() + "/task/" + id;
    }

    Posted nextPost(long seconds) throws InterruptedException {
        return posts.poll(seconds, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/api/worker/tasks/")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                posts.add(new Posted(path, exchange.getRequestHeaders().getFirst(CSRF_HEADER), body));
                send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
            } else if (path.startsWith("/task/") && pages.containsKey(path.substring(6))) {
                TaskPageResult page = pages.get(path.substring(6));
                send(exchange, 200, "text/html;charset=utf-8", page.html().getBytes(StandardCharsets.UTF_8),
                        page.contentSecurityPolicy());
            } else if (path.equals("/img/test.png")) {
                send(exchange, 200, "image/png", image, null);
            } else if (path.startsWith("/crowd/") && !path.contains("..")) {
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources" + path)) {
                    if (in == null) {
                        send(exchange, 404, "text/plain", new byte[0], null);
                    } else {
                        send(exchange, 200, path.endsWith(".css") ? "text/css" : "application/javascript", in.readAllBytes(), null);
                    }
                }
            } else if (path.equals("/")) {
                send(exchange, 200, "text/html;charset=utf-8", "<!DOCTYPE html><title>queue</title><p>queue</p>"
                        .getBytes(StandardCharsets.UTF_8), null);
            } else {
                send(exchange, 404, "text/plain", new byte[0], null);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, String csp) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if (csp != null) {
            exchange.getResponseHeaders().set("Content-Security-Policy", csp);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    static byte[] testImage() {
        BufferedImage img = new BufferedImage(IMAGE_WIDTH, IMAGE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xdde6f0));
        g.fillRect(0, 0, IMAGE_WIDTH, IMAGE_HEIGHT);
        g.setColor(new Color(0x884422));
        g.fillOval(120, 80, 160, 120);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
