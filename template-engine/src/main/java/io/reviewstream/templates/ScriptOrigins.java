package io.reviewstream.templates;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The origins ({@code https://cdn.example}) from which a template's {@code <script src>} may load on the worker
 * page. A script from anywhere else would run with the worker's session (it could read the page's CSRF token
 * and answer for the worker) and needs the network besides, so it is loaded only where the operator names its
 * origin. Scripts of the service itself (relative or root-relative {@code src}) always load; a {@code src} that
 * Liquid computes never does, since the task input would choose the script.
 */
public record ScriptOrigins(Set<String> origins) {

    public ScriptOrigins {
        origins = origins.stream().map(ScriptOrigins::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public static ScriptOrigins none() {
        return new ScriptOrigins(Set.of());
    }

    public static ScriptOrigins of(List<String> origins) {
        return new ScriptOrigins(Set.copyOf(origins));
    }

    /** Whether a template's script with this {@code src}, as written in the template, may load. */
    public boolean allows(String src) {
        String s = src.trim();
        if (s.contains("{{") || s.contains("{%")) {
            return false;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        boolean hasScheme = lower.matches("^[a-z][a-z0-9+.-]*:.*");
        if (!hasScheme && !s.startsWith("//") && !s.startsWith("\\")) {
            return true;
        }
        try {
            URI uri = URI.create(s.startsWith("//") ? "https:" + s : s);
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                return false;
            }
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return origins.contains(normalise(origin));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        return origin.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    }
}
