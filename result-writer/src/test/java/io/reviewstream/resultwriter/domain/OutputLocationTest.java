package io.reviewstream.resultwriter.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

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
}
