package io.reviewstream.schemas.s3;

/**
 * A flow definition's {@code S3OutputPath}, {@code s3://bucket/prefix} or {@code https://bucket/prefix}, split into
 * its bucket and its key prefix (no leading or trailing {@code /}), both checked against {@link S3Names}.
 * flow-service applies it when a flow definition is created, result-writer again to every stored path it writes
 * under, since records written before these checks, or by any other producer, reach it too.
 *
 * @param bucket the bucket
 * @param prefix the key prefix, empty for the bucket's root
 */
public record S3OutputPath(String bucket, String prefix) {

    /**
     * The longest key result-writer appends below the prefix, so that every key fits in
     * {@value S3Names#MAX_KEY_BYTES} bytes: {@code /{flow}/manifests/YYYY/MM/DD/entries/{loop}.json} with names of
     * 63 characters (1 + 63 + 1 + 10 + 11 + 8 + 63 + 5). The output itself needs less
     * ({@code /{flow}/YYYY/MM/DD/hh/mm/ss/{loop}/output.json}, 160).
     */
    public static final int LONGEST_SUFFIX_BYTES = 162;
    private static final String[] SCHEMES = {"s3://", "https://"};

    public S3OutputPath {
        S3Names.checkBucket(bucket);
        S3Names.checkKey(prefix, S3Names.MAX_KEY_BYTES - LONGEST_SUFFIX_BYTES);
    }

    /** Parses and checks {@code path}; throws {@link InvalidS3NameException} saying what is wrong. */
    public static S3OutputPath parse(String path) {
        String rest = null;
        for (String scheme : SCHEMES) {
            if (path.startsWith(scheme)) {
                rest = path.substring(scheme.length());
            }
        }
        if (rest == null) {
            throw new InvalidS3NameException("S3 output path must begin with s3:// or https://");
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new S3OutputPath(rest, "");
        }
        int end = rest.length();
        while (end > slash + 1 && rest.charAt(end - 1) == '/') {
            end--;
        }
        return new S3OutputPath(rest.substring(0, slash), rest.substring(slash + 1, end));
    }
}
