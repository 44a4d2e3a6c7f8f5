package io.reviewstream.schemas.s3;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AWS's naming rules for general purpose buckets and for object keys, checked before a name reaches an object
 * store: a name the store (or its client) refuses would otherwise be found only when a loop's output is written,
 * and a key with {@code .} or {@code ..} segments could leave the folder it was meant for on stores that resolve
 * them. Lengths are checked before any pattern, and the pattern cannot backtrack.
 */
public final class S3Names {

    public static final int MAX_KEY_BYTES = 1024;
    private static final int MIN_BUCKET = 3;
    private static final int MAX_BUCKET = 63;
    private static final Pattern BUCKET_CHARACTERS = Pattern.compile("[a-z0-9][a-z0-9.-]*+");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]++(\\.[0-9]++){3}");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
            "--table-s3");

    private S3Names() {
    }

    /** Throws when {@code bucket} is no valid general purpose bucket name. */
    public static void checkBucket(String bucket) {
        String named = "Bucket name '" + shown(bucket) + "'";
        if (bucket.length() < MIN_BUCKET || bucket.length() > MAX_BUCKET) {
            throw new InvalidS3NameException(named + " must be 3 to 63 characters long");
        }
        if (!BUCKET_CHARACTERS.matcher(bucket).matches() || !isLetterOrDigit(bucket.charAt(bucket.length() - 1))) {
            throw new InvalidS3NameException(named + " may only contain lowercase letters, digits, dots and "
                    + "hyphens, and must begin and end with a letter or digit");
        }
        if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
            throw new InvalidS3NameException(named + " must not contain '..', '.-' or '-.'");
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            throw new InvalidS3NameException(named + " must not be formatted as an IP address");
        }
        for (String reserved : RESERVED_PREFIXES) {
            if (bucket.startsWith(reserved)) {
                throw new InvalidS3NameException(named + " must not begin with the reserved prefix '" + reserved
                        + "'");
            }
        }
        for (String reserved : RESERVED_SUFFIXES) {
            if (bucket.endsWith(reserved)) {
                throw new InvalidS3NameException(named + " must not end with the reserved suffix '" + reserved + "'");
            }
        }
    }

    /**
     * Throws when {@code key} (or a key prefix, which may be empty) is no key this service writes: longer than
     * {@value #MAX_KEY_BYTES} bytes in UTF-8, with an empty, {@code .} or {@code ..} path segment, or with a control
     * character or an unpaired surrogate.
     */
    public static void checkKey(String key) {
        checkKey(key, MAX_KEY_BYTES);
    }

    static void checkKey(String key, int maxBytes) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidS3NameException("Key must not contain control characters");
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= key.length()
                        || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    throw new InvalidS3NameException("Key must be valid Unicode text");
                }
                i++;
            }
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new InvalidS3NameException("Key '" + shown(key) + "' must be at most " + maxBytes
                    + " bytes long in UTF-8");
        }
        if (key.isEmpty()) {
            return;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidS3NameException("Key '" + shown(key)
                        + "' must not have empty, '.' or '..' path segments");
            }
        }
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /**
     * A name as messages that reach callers and logs show it: a long one only by its start, control characters
     * (which could forge log lines) as {@code ?}.
     */
    public static String shown(String name) {
        String start = name.length() <= 100 ? name : name.substring(0, 100) + "…";
        return CONTROL.matcher(start).replaceAll("?");
    }
}
