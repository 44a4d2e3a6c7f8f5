package io.reviewstream.standalone.operations;

import io.reviewstream.embedded.EmbeddedInfra;
import io.reviewstream.standalone.Standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property keys the standalone mode gives each service, read from the source of {@link Standalone} (its
 * {@code startServices} and {@code start}) and of {@link EmbeddedInfra#springProperties}: the reference that the
 * container deployments are held to. Reading the source, not a copy of it, keeps the check honest when a setting
 * is added there.
 */
final class StandaloneSettings {

    /** Keys that only arrange four services inside one JVM, which a container of its own does not need. */
    private static final Set<String> ONE_JVM_ONLY = Set.of("spring.autoconfigure.exclude",
            "spring.main.register-shutdown-hook", "spring.main.banner-mode");
    private static final Pattern KEY =
            Pattern.compile("\"(?:--)?((?:reviewstream|spring|server|management)\\.[a-z0-9.\\-\\[\\]]+)[=\"]");
    private static final Pattern SERVICE = Pattern.compile("\\bstart\\(\"([a-z-]+)\"");

    private StandaloneSettings() {
    }

    /** By module name, every key the standalone mode sets for that service, shared ones included. */
    static Map<String, Set<String>> keys() {
        String standalone = source("standalone", Standalone.class);
        Set<String> shared = new TreeSet<>(keys(method(source("embedded-infra", EmbeddedInfra.class),
                "Map<String, String> springProperties()")));
        shared.addAll(keys(method(standalone, "void start(String name,")));
        String services = method(standalone, "void startServices()");
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        Matcher service = SERVICE.matcher(services);
        int previous = -1;
        String module = null;
        while (true) {
            boolean found = service.find();
            if (module != null) {
                Set<String> own = new TreeSet<>(shared);
                own.addAll(keys(services.substring(previous, found ? service.start() : services.length())));
                keys.put(module, own);
            }
            if (!found) {
                break;
            }
            module = service.group(1);
            previous = service.end();
        }
        if (shared.isEmpty() || keys.isEmpty()) {
            throw new IllegalStateException("No settings found in the source of Standalone: has it changed shape?");
        }
        return keys;
    }

    private static Set<String> keys(String code) {
        Set<String> keys = new TreeSet<>();
        Matcher key = KEY.matcher(code);
        while (key.find()) {
            if (!ONE_JVM_ONLY.contains(key.group(1))) {
                keys.add(key.group(1));
            }
        }
        return keys;
    }

    /** A method's source, from its signature to the closing brace at method indentation. */
    private static String method(String source, String signature) {
        int start = source.indexOf(signature);
        if (start < 0) {
            throw new IllegalStateException("No method " + signature + " in the source");
        }
        return source.substring(start, source.indexOf("\n    }\n", start));
    }

    private static String source(String module, Class<?> type) {
        try {
            return Files.readString(DeployFiles.root().resolve(module).resolve("src/main/java")
                    .resolve(type.getName().replace('.', '/') + ".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
