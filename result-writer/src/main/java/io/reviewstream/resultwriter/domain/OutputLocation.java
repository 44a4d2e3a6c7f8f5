package io.reviewstream.resultwriter.domain;

import io.reviewstream.schemas.s3.InvalidS3NameException;
import io.reviewstream.schemas.s3.S3OutputPath;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where A2I puts a loop's output: {@code {S3OutputPath}/{flow}/{YYYY}/{MM}/{DD}/{hh}/{mm}/{ss}/{loop}/output.json},
 * the time being the loop's creation time in UTC. A path ending in {@code /} gets no doubled slash. The names
 * below the path (flow, loop) are checked with the whole key when the object is written.
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

    /**
     * The folder of a flow's outputs, {@code {S3OutputPath}/{flow}/}, its key ending in {@code /}. Throws
     * {@link InvalidS3NameException} for a path that breaks S3's bucket or key rules: stored paths come from Kafka,
     * where records written before flow-service checked them, or by another producer, may carry any path.
     */
    public static OutputLocation flowFolder(String s3OutputPath, String flowDefinitionName) {
        S3OutputPath path = S3OutputPath.parse(s3OutputPath);
        return new OutputLocation(path.bucket(), (path.prefix().isEmpty() ? "" : path.prefix() + "/")
                + flowDefinitionName + "/");
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
