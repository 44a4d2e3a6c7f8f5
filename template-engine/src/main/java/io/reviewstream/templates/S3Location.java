package io.reviewstream.templates;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bucket and key parsed from the object reference forms that A2I templates use. */
public record S3Location(String bucket, String key) {

    private static final Pattern S3_URI = Pattern.compile("(?i)^s3://([^/]+)/(.+)$");
    /** path style: https://s3.amazonaws.com/bucket/key, https://s3.us-west-2.amazonaws.com/bucket/key, s3-region too */
    private static final Pattern PATH_STYLE_HOST = Pattern.compile("(?i)^s3([.-][a-z0-9-]+)?\\.amazonaws\\.com$");
    /** virtual-hosted style: https://bucket.s3.amazonaws.com/key, https://bucket.s3.us-west-2.amazonaws.com/key */
    private static final Pattern VIRTUAL_HOST = Pattern.compile("(?i)^(.+)\\.s3([.-][a-z0-9-]+)?\\.amazonaws\\.com$");

    public static S3Location parse(String reference) {
        String ref = reference == null ? "" : reference.trim();
        Matcher s3 = S3_URI.matcher(ref);
        if (s3.matches()) {
            return new S3Location(s3.group(1), s3.group(2));
        }
        if (ref.regionMatches(true, 0, "https://", 0, 8) || ref.regionMatches(true, 0, "http://", 0, 7)) {
            URI uri;
            try {
                uri = URI.create(ref.replace(" ", "%20"));
            } catch (IllegalArgumentException e) {
                throw new ReadAccessGranter.ReadAccessException("not a valid URL: " + ref, e);
            }
            String host = uri.getHost() == null ? "" : uri.getHost();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (PATH_STYLE_HOST.matcher(host).matches()) {
                int slash = decoded.indexOf('/', 1);
                if (slash > 1 && slash < decoded.length() - 1) {
                    return new S3Location(decoded.substring(1, slash), decoded.substring(slash + 1));
                }
            }
            Matcher virtual = VIRTUAL_HOST.matcher(host);
            if (virtual.matches() && decoded.length() > 1) {
                // host names are case-insensitive: BUCKET.s3.amazonaws.com is the bucket "bucket"
                return new S3Location(virtual.group(1).toLowerCase(Locale.ROOT), decoded.substring(1));
            }
        }
        throw new ReadAccessGranter.ReadAccessException(
                "grant_read_access needs an s3://bucket/key or https://s3.amazonaws.com/bucket/key reference, got: " + ref);
    }
}
