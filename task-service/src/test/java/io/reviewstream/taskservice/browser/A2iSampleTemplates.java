package io.reviewstream.taskservice.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * AWS's published sample worker templates, read unchanged from {@code ../shared/a2i-sample-templates/} next to the
 * project (they carry their own licence and are not part of it). Public for the standalone module's test that drives
 * them through real loops.
 */
public final class A2iSampleTemplates {

    /** Needs its drag-and-drop library from a CDN; what the page does then is tested in A2iSampleTemplatesBrowserTest. */
    public static final String NEEDS_A_CDN = "images/multi-image-classification-draggable.liquid.html";

    private A2iSampleTemplates() {
    }

    public static Path directory() {
        Path dir = projectRoot().resolve("../shared/a2i-sample-templates").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "the A2I sample templates are expected at " + dir);
        return dir;
    }

    /** Paths relative to the folder, such as {@code images/rekognition_detect_moderation.liquid.html}, sorted. */
    public static List<String> names() {
        Path dir = directory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".html"))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every sample that works offline: all but {@link #NEEDS_A_CDN}. */
    public static List<String> offline() {
        return names().stream().filter(n -> !n.equals(NEEDS_A_CDN)).toList();
    }

    public static String read(String name) {
        try {
            return Files.readString(directory().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tests run in a module's folder; the project root is the nearest folder up with the Maven wrapper. */
    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.exists(p.resolve("template-engine"))) {
                return p;
            }
        }
        throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
    }
}
