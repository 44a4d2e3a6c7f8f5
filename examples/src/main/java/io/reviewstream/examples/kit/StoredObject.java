package io.reviewstream.examples.kit;

/** A generated image, recording or document, to be uploaded under its key. */
public record StoredObject(String bucket, String key, String contentType, byte[] bytes) {
}
