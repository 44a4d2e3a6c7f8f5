package io.reviewstream.flowservice.console.domain;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kits' task templates ({@code examples/<kit>/template.html}) that the service carries on its class path, as
 * starting points for a new task UI. Read once: they are part of the build.
 */
public final class KitTemplates {

    static final String LOCATION = "classpath*:console-kits/*/template.html";

    private final Map<String, String> byKit;

    private KitTemplates(Map<String, String> byKit) {
        this.byKit = byKit;
    }

    public static KitTemplates load() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            Map<String, String> byKit = new LinkedHashMap<>();
            Arrays.stream(found).sorted(Comparator.comparing(KitTemplates::kit)).forEach(resource -> {
                try {
                    byKit.put(kit(resource), resource.getContentAsString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new KitTemplates(byKit);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the kits' templates", e);
        }
    }

    /** The kits by name. */
    public Set<String> kits() {
        return byKit.keySet();
    }

    public Optional<String> template(String kit) {
        return Optional.ofNullable(byKit.get(kit));
    }

    /** The kit's folder: the name of the template's parent. */
    private static String kit(Resource resource) {
        try {
            String path = resource.getURL().toString();
            String folder = path.substring(0, path.lastIndexOf('/'));
            return folder.substring(folder.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
