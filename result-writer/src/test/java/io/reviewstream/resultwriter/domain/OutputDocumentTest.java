package io.reviewstream.resultwriter.domain;

import io.reviewstream.resultwriter.Fixtures;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * output.json, byte for byte, for each way a loop ends. The expected files were checked field by field against
 * A2I's documented output (a2i-compat §4): names, types, millisecond ISO timestamps, workerMetadata.
 */
class OutputDocumentTest {

    static final String TEXTRACT_INPUT = "{\"aiServiceRequest\":{\"document\":{\"s3Object\":{\"bucket\":\"docs\","
            + "\"name\":\"invoice.png\"}}},\"aiServiceResponse\":{\"blocks\":[],\"documentMetadata\":{\"pages\":1}},"
            + "\"humanTaskActivationConditionResults\":{\"Conditions\":[]},\"selectedAiServiceResponse\":{\"blocks\":[]}}";

    @Test
    void completedCustomLoop() {
        assertMatches(Fixtures.completedCustom("s3://bucket/out"), "completed-custom.json");
    }

    @Test
    void completedTextractLoopWithTwoWorkersCarriesTheConsensus() {
        String source = "AWS/Textract/AnalyzeDocument/Forms/V1";
        LoopAnswers answers = Fixtures.answers(Fixtures.loop("invoice-7", "s3://bucket/out/", source, TEXTRACT_INPUT, 2),
                LoopOutcome.ANSWERED, null, null, List.of(
                        Fixtures.answer("0a1b2c3d4e5f6a7b", "worker-1", "{\"" + source + "\":{\"blocks\":[]}}", 40.543),
                        Fixtures.answer("1b2c3d4e5f6a7b8c", "worker-2", "{\"" + source + "\":{\"blocks\":[]}}", 165.529)));
        assertMatches(answers, "completed-textract.json");
    }

    @Test
    void expiredLoopFailsWithTheAnswersThatCameIn() {
        assertMatches(Fixtures.failedExpired("s3://bucket/out"), "failed-expired.json");
    }

    @Test
    void stoppedLoopKeepsASubmittedAnswer() {
        assertMatches(Fixtures.stopped("s3://bucket/out"), "stopped.json");
    }

    @Test
    void theSameEventAlwaysGivesTheSameBytes() {
        LoopAnswers answers = Fixtures.answers(Fixtures.loop("claim-1", "s3://bucket/out", null, Fixtures.CUSTOM_INPUT, 1),
                LoopOutcome.ANSWERED, null, null, List.of(Fixtures.answer("0a", "s", "{\"b\":1,\"a\":2}", 1.5)));
        assertThat(OutputDocument.render(answers).bytes()).isEqualTo(OutputDocument.render(answers).bytes());
    }

    private static void assertMatches(LoopAnswers answers, String expectedFile) {
        assertThat(new String(OutputDocument.render(answers).bytes(), StandardCharsets.UTF_8))
                .isEqualTo(new String(Fixtures.expectedOutput(expectedFile), StandardCharsets.UTF_8));
    }
}
