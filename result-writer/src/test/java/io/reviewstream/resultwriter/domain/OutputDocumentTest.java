package io.reviewstream.resultwriter.domain;

import io.reviewstream.resultwriter.Fixtures;
import io.reviewstream.schemas.avro.LoopAnswers;
import io.reviewstream.schemas.avro.LoopOutcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * output.json, byte for byte, for each way a loop ends. The expected files were checked field by field against
 * A2I's documented output (a2i-compat §4): names, types, millisecond ISO timestamps, workerMetadata.
 */
class OutputDocumentTest {

    static final String CUSTOM_INPUT = "{\"taskObject\":\"s3://bucket/claims/42.png\",\"initialValue\":\"Approve\"}";
    static final String TEXTRACT_INPUT = "{\"aiServiceRequest\":{\"document\":{\"s3Object\":{\"bucket\":\"docs\","
            + "\"name\":\"invoice.png\"}}},\"aiServiceResponse\":{\"blocks\":[],\"documentMetadata\":{\"pages\":1}},"
            + "\"humanTaskActivationConditionResults\":{\"Conditions\":[]},\"selectedAiServiceResponse\":{\"blocks\":[]}}";

    @Test
    void completedCustomLoop() throws IOException {
        LoopAnswers answers = Fixtures.answers(Fixtures.loop("claim-000042", "s3://bucket/out", null, CUSTOM_INPUT, 1),
                LoopOutcome.ANSWERED, null, null, List.of(Fixtures.answer("0a1b2c3d4e5f6a7b",
                        "11111111-2222-3333-4444-555555555555",
                        "{\"decision\":{\"label\":\"Approve\"},\"notes\":\"stamp is legible\"}", 67.36)));
        assertMatches(answers, "completed-custom.json");
    }

    @Test
    void completedTextractLoopWithTwoWorkersCarriesTheConsensus() throws IOException {
        String source = "AWS/Textract/AnalyzeDocument/Forms/V1";
        LoopAnswers answers = Fixtures.answers(Fixtures.loop("invoice-7", "s3://bucket/out/", source, TEXTRACT_INPUT, 2),
                LoopOutcome.ANSWERED, null, null, List.of(
                        Fixtures.answer("0a1b2c3d4e5f6a7b", "worker-1", "{\"" + source + "\":{\"blocks\":[]}}", 40.543),
                        Fixtures.answer("1b2c3d4e5f6a7b8c", "worker-2", "{\"" + source + "\":{\"blocks\":[]}}", 165.529)));
        assertMatches(answers, "completed-textract.json");
    }

    @Test
    void expiredLoopFailsWithTheAnswersThatCameIn() throws IOException {
        LoopAnswers answers = Fixtures.answers(Fixtures.loop("claim-000043", "s3://bucket/out", null, CUSTOM_INPUT, 1),
                LoopOutcome.EXPIRED, "Expired", "Not every task was answered within TaskAvailabilityLifetimeInSeconds",
                List.of());
        assertMatches(answers, "failed-expired.json");
    }

    @Test
    void stoppedLoopKeepsASubmittedAnswer() throws IOException {
        LoopAnswers answers = Fixtures.answers(Fixtures.loop("claim-000044", "s3://bucket/out", null, CUSTOM_INPUT, 2),
                LoopOutcome.STOPPED, null, null, List.of(Fixtures.answer("0a1b2c3d4e5f6a7b", "worker-1",
                        "{\"decision\":{\"label\":\"Reject\"}}", 12.0)));
        assertMatches(answers, "stopped.json");
    }

    @Test
    void theSameEventAlwaysGivesTheSameBytes() {
        LoopAnswers answers = Fixtures.answers(Fixtures.loop("claim-1", "s3://bucket/out", null, CUSTOM_INPUT, 1),
                LoopOutcome.ANSWERED, null, null, List.of(Fixtures.answer("0a", "s", "{\"b\":1,\"a\":2}", 1.5)));
        assertThat(OutputDocument.render(answers).bytes()).isEqualTo(OutputDocument.render(answers).bytes());
    }

    private static void assertMatches(LoopAnswers answers, String expectedFile) throws IOException {
        try (InputStream expected = OutputDocumentTest.class.getResourceAsStream("/output/" + expectedFile)) {
            assertThat(expected).as(expectedFile).isNotNull();
            String want = new String(expected.readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(new String(OutputDocument.render(answers).bytes(), StandardCharsets.UTF_8)).isEqualTo(want);
        }
    }
}
