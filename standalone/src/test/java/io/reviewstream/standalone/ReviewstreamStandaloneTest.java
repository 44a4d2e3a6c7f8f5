package io.reviewstream.standalone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command lines --infra-only prints must survive being pasted into a shell. */
class ReviewstreamStandaloneTest {

    @Test
    void aPlainSettingIsPrintedAsItIs() {
        assertThat(ReviewstreamStandalone.shellWord("--spring.kafka.bootstrap-servers=127.0.0.1:9092"))
                .isEqualTo("--spring.kafka.bootstrap-servers=127.0.0.1:9092");
    }

    @Test
    void aListIndexIsQuotedSoThatTheShellDoesNotGlobIt() {
        assertThat(ReviewstreamStandalone.shellWord("--reviewstream.auth.credentials[0].access-key-id=AKIA"))
                .isEqualTo("'--reviewstream.auth.credentials[0].access-key-id=AKIA'");
    }

    @Test
    void aQuoteInsideAValueIsKept() {
        assertThat(ReviewstreamStandalone.shellWord("--key=it's")).isEqualTo("'--key=it'\\''s'");
    }
}
