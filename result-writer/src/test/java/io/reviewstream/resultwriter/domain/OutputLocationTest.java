package io.reviewstream.resultwriter.domain;

import io.reviewstream.schemas.s3.InvalidS3NameException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputLocationTest {

    @ParameterizedTest
    @CsvSource({
            "s3://a2i-fd-demos-2020/a2i-results, s3://a2i-fd-demos-2020/a2i-results/fraud-detector/2021/02/17/19/20/38/fraud-1/output.json",
            "s3://bucket/prefix/, s3://bucket/prefix/fraud-detector/2021/02/17/19/20/38/fraud-1/output.json",
            "s3://bucket, s3://bucket/fraud-detector/2021/02/17/19/20/38/fraud-1/output.json",
            "https://bucket/deep/er/, s3://bucket/deep/er/fraud-detector/2021/02/17/19/20/38/fraud-1/output.json"})
    void followsA2iKeyLayoutWithTheCreationTimeTruncatedToSeconds(String outputPath, String expected) {
        OutputLocation location = OutputLocation.of(outputPath, "fraud-detector",
                Instant.parse("2021-02-17T19:20:38.354Z"), "fraud-1");
        assertThat(location.uri()).isEqualTo(expected);
    }

    /** Stored paths come from Kafka, where a record may predate flow-service's checks or come from elsewhere. */
    @ParameterizedTest
    @ValueSource(strings = {"s3://b/x", "s3://Bad_Bucket/x", "s3://169.254.169.254/x",
            "s3://reviewstream-output/../../../etc", "s3://../x", "https://reviewstream-output/a//b", "s3:bucket"})
    void aStoredPathThatBreaksS3sRulesIsRefused(String outputPath) {
        assertThatThrownBy(() -> OutputLocation.of(outputPath, "fraud-detector",
                Instant.parse("2021-02-17T19:20:38.354Z"), "fraud-1")).isInstanceOf(InvalidS3NameException.class);
    }
}
