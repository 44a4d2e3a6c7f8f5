package io.reviewstream.templates;

import java.util.Objects;

/**
 * What a render needs from its host: how to grant read access to objects, and the base URL under which the
 * crowd element assets ({@code META-INF/resources/crowd/}) are served, without a trailing slash
 * (usually {@code /crowd}).
 */
public record RenderContext(ReadAccessGranter readAccess, String assetBaseUrl) {

    public static final String DEFAULT_ASSET_BASE_URL = "/crowd";

    public RenderContext {
        Objects.requireNonNull(readAccess, "readAccess");
        assetBaseUrl = assetBaseUrl == null || assetBaseUrl.isBlank() ? DEFAULT_ASSET_BASE_URL
                : assetBaseUrl.replaceAll("/+$", "");
    }

    public static RenderContext of(S3PresignSettings s3) {
        return new RenderContext(new S3ReadAccessGranter(s3), DEFAULT_ASSET_BASE_URL);
    }

    public static RenderContext withoutObjectStorage() {
        return new RenderContext(ReadAccessGranter.unavailable(), DEFAULT_ASSET_BASE_URL);
    }
}
