package io.reviewstream.resultwriter.domain;

import io.reviewstream.resultwriter.Fixtures;
import io.reviewstream.schemas.avro.LoopOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestEntryTest {

    /** The flow's name may appear in the prefix too; the entry still goes under the flow folder of the outputs. */
    @ParameterizedTest
    @CsvSource({
            "s3://bucket/out, out/claims-review/manifests/2024/05/01/entries/loop-1.json",
            "s3://bucket, claims-review/manifests/2024/05/01/entries/loop-1.json",
            "s3://bucket/claims-review/, claims-review/claims-review/manifests/2024/05/01/entries/loop-1.json",
            "s3://bucket/claims-review/results, claims-review/results/claims-review/manifests/2024/05/01/entries/loop-1.json"})
    void theEntryLiesBesideTheFlowsOutputsUnderTheDayTheLoopEnded(String outputPath, String expectedKey) {
        var answers = Fixtures.answers(Fixtures.loop("loop-1", outputPath, null, Fixtures.CUSTOM_INPUT, 1),
                LoopOutcome.STOPPED, null, null, List.of());
        OutputLocation output = OutputLocation.of(outputPath, "claims-review", Fixtures.CREATED, "loop-1");
        assertThat(ManifestEntry.location(answers)).isEqualTo(new OutputLocation("bucket", expectedKey));
        assertThat(output.key()).startsWith(expectedKey.substring(0, expectedKey.indexOf("manifests/")));
    }
}
