package io.reviewstream.resultwriter.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where A2I puts a loop's output: {@code {S3OutputPath}/{flow}/{YYYY}/{MM}/{DD}/{hh}/{mm}/{ss}/{loop}/output.json},
 * the time being the loop's creation time in UTC. A path ending in {@code /} gets no doubled slash.
 */
public record OutputLocation(String bucket, String key) {

    private static final DateTimeFormatter TIME_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/mm/ss")
            .withZone(ZoneOffset.UTC);

    public static OutputLocation of(String s3OutputPath, String flowDefinitionName, Instant creationTime,
                                    String humanLoopName) {
        OutputLocation flow = flowFolder(s3OutputPath, flowDefinitionName);
        return new OutputLocation(flow.bucket(), flow.key() + TIME_PATH.format(creationTime) + "/" + humanLoopName
                + "/output.json");
    }

    /** The folder of a flow's outputs, {@code {S3OutputPath}/{flow}/}, its key ending in {@code /}. */
    public static OutputLocation flowFolder(String s3OutputPath, String flowDefinitionName) {
        String rest = s3OutputPath.replaceFirst("^(s3|https)://", "");
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("S3OutputPath " + s3OutputPath + " names no bucket");
        }
        return new OutputLocation(bucket, (prefix.isEmpty() ? "" : prefix + "/") + flowDefinitionName + "/");
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
