package io.reviewstream.examples.kit;

/**
 * Where a batch's objects go: a bucket and a key prefix ending in {@code /}. Task templates reach them through
 * {@code grant_read_access}, so the location must be among the readable locations of task-service.
 */
public record ObjectLocation(String bucket, String prefix) {

    public ObjectLocation {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
    }

    public String key(String name) {
        return prefix + name;
    }

    public String uri(String name) {
        return "s3://" + bucket + "/" + key(name);
    }
}
