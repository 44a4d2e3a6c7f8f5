package io.reviewstream.templates;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects {@code grant_read_access} may presign: whole buckets ({@code s3://bucket}) or folders in them
 * ({@code s3://bucket/prefix/}). This stands in for the IAM role that scopes the filter on A2I: without it, anyone
 * who can render a template could get a download link for anything the service's own S3 key can read.
 *
 * <p>The bucket must match exactly (so {@code s3://bucket-evil} is not {@code s3://bucket}); a prefix matches whole
 * folders ({@code s3://b/images} allows {@code images/cat.png}, not {@code images-private/x}); and a key with
 * {@code .} or {@code ..} segments is never readable, since a browser or proxy may resolve them into another path.
 */
public final class ReadableLocations {

    /** AWS's bucket naming rules: 3 to 63 lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
    private static final Pattern ENTRY = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?");
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|[/\\\\])\\.{1,2}([/\\\\]|$)");

    private record Location(String bucket, String folder) {
    }

    private final List<Location> locations;

    private ReadableLocations(List<Location> locations) {
        this.locations = locations;
    }

    /**
     * @param entries {@code s3://bucket} or {@code s3://bucket/prefix}, the scheme and bucket in lower case
     * @throws IllegalArgumentException naming the first entry that is not one of those
     */
    public static ReadableLocations of(List<String> entries) {
        return new ReadableLocations(entries.stream().map(ReadableLocations::parse).toList());
    }

    public static ReadableLocations none() {
        return new ReadableLocations(List.of());
    }

    private static Location parse(String entry) {
        Matcher m = ENTRY.matcher(entry == null ? "" : entry.trim());
        if (!m.matches() || m.group(1).contains("..")) {
            throw new IllegalArgumentException("a readable location must be s3://bucket or s3://bucket/prefix, got: "
                    + entry);
        }
        String prefix = m.group(2) == null ? "" : m.group(2);
        if (DOT_SEGMENT.matcher(prefix).find()) {
            throw new IllegalArgumentException("a readable location cannot have . or .. segments: " + entry);
        }
        return new Location(m.group(1), prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/");
    }

    public boolean permits(S3Location object) {
        if (DOT_SEGMENT.matcher(object.key()).find()) {
            return false;
        }
        return locations.stream().anyMatch(l -> l.bucket().equals(object.bucket()) && object.key().startsWith(l.folder()));
    }

}
