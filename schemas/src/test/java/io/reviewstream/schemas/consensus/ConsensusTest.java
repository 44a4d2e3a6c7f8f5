package io.reviewstream.schemas.consensus;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConsensusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theMajorityLabelWinsAndAgreementIsItsShare() {
        Consensus.Result result = consensus("{\"category\":{\"label\":\"dog\"}}", "{\"category\":{\"label\":\"cat\"}}",
                "{\"category\":{\"label\":\"dog\"}}");
        assertThat(result.consolidated().at("/category/label").asString()).isEqualTo("dog");
        assertThat(result.agreement().get("category").asDouble()).isEqualTo(0.667);
    }

    @Test
    void aTieGoesToTheFirstSubmission() {
        Consensus.Result result = consensus("{\"ok\":true}", "{\"ok\":false}");
        assertThat(result.consolidated().get("ok").asBoolean()).isTrue();
        assertThat(result.agreement().get("ok").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aMissingFieldLowersAgreementButDoesNotWin() {
        Consensus.Result result = consensus("{\"note\":\"blurry\",\"c\":1}", "{\"c\":1}", "{\"c\":1}");
        assertThat(result.consolidated().get("note").asString()).isEqualTo("blurry");
        assertThat(result.agreement().get("note").asDouble()).isEqualTo(0.333);
        assertThat(result.agreement().get("c").asDouble()).isEqualTo(1.0);
    }

    @Test
    void numbersAreAveragedWithTheirSpread() {
        Consensus.Result result = consensus("{\"score\":4}", "{\"score\":5}");
        assertThat(result.consolidated().get("score").asDouble()).isEqualTo(4.5);
        assertThat(result.agreement().get("score").asDouble()).isEqualTo(0.8);
        assertThat(consensus("{\"score\":0}", "{\"score\":0}").agreement().get("score").asDouble()).isEqualTo(1.0);
    }

    @Test
    void multiSelectKeepsLabelsMostWorkersChose() {
        Consensus.Result result = consensus("{\"tags\":{\"labels\":[\"a\",\"b\"]}}", "{\"tags\":{\"labels\":[\"a\"]}}",
                "{\"tags\":{\"labels\":[\"a\",\"c\"]}}");
        assertThat(result.consolidated().at("/tags/labels").toString()).isEqualTo("[\"a\"]");
        // a: 3/3 agree, b: 2/3 agree it is out, c: 2/3 agree it is out
        assertThat(result.agreement().get("tags").asDouble()).isCloseTo((1 + 2.0 / 3 + 2.0 / 3) / 3, within(0.001));
    }

    @Test
    void overlappingBoxesAreMatchedAndAveraged() {
        Consensus.Result result = consensus(
                "{\"box\":{\"boundingBoxes\":[{\"label\":\"car\",\"left\":10,\"top\":10,\"width\":100,\"height\":50}],"
                        + "\"inputImageProperties\":{\"width\":640,\"height\":480}}}",
                "{\"box\":{\"boundingBoxes\":[{\"label\":\"car\",\"left\":20,\"top\":10,\"width\":100,\"height\":50}],"
                        + "\"inputImageProperties\":{\"width\":640,\"height\":480}}}");
        JsonNode box = result.consolidated().at("/box/boundingBoxes/0");
        assertThat(box.get("left").asInt()).isEqualTo(15);
        assertThat(box.get("width").asInt()).isEqualTo(100);
        assertThat(box.get("label").asString()).isEqualTo("car");
        assertThat(result.consolidated().at("/box/inputImageProperties/width").asInt()).isEqualTo(640);
        // intersection 90x50 over union 110x50
        assertThat(result.agreement().get("box").asDouble()).isEqualTo(0.818);
    }

    @Test
    void disjointBoxesAgreeNotAtAll() {
        Consensus.Result result = consensus(
                "{\"b\":{\"boundingBoxes\":[{\"label\":\"x\",\"left\":0,\"top\":0,\"width\":10,\"height\":10}]}}",
                "{\"b\":{\"boundingBoxes\":[{\"label\":\"x\",\"left\":50,\"top\":50,\"width\":10,\"height\":10}]}}");
        assertThat(result.agreement().get("b").asDouble()).isZero();
    }

    @Test
    void whenTheFirstWorkerDrewNothingTheTwoWhoAgreeAreTheReference() {
        Consensus.Result result = consensus(
                "{\"b\":{\"boundingBoxes\":[]}}",
                "{\"b\":{\"boundingBoxes\":[{\"label\":\"car\",\"left\":10,\"top\":10,\"width\":100,\"height\":50}]}}",
                "{\"b\":{\"boundingBoxes\":[{\"label\":\"car\",\"left\":20,\"top\":10,\"width\":100,\"height\":50}]}}");
        assertThat(result.consolidated().at("/b/boundingBoxes")).hasSize(1);
        assertThat(result.consolidated().at("/b/boundingBoxes/0/left").asInt()).isEqualTo(15);
        // the reference box is compared with the empty drawing (no match) and with the third (IoU 90x50 / 110x50)
        assertThat(result.agreement().get("b").asDouble()).isEqualTo(0.409);
    }

    @Test
    void whenTwoDrewNothingTheConsolidatedDrawingIsEmpty() {
        Consensus.Result result = consensus(
                "{\"b\":{\"boundingBoxes\":[{\"label\":\"car\",\"left\":10,\"top\":10,\"width\":100,\"height\":50}]}}",
                "{\"b\":{\"boundingBoxes\":[]}}", "{\"b\":{\"boundingBoxes\":[]}}");
        assertThat(result.consolidated().at("/b/boundingBoxes")).isEmpty();
    }

    @Test
    void boxesOfDifferentLabelsNeverMatch() {
        Consensus.Result result = consensus(
                "{\"b\":{\"boundingBoxes\":[{\"label\":\"car\",\"left\":0,\"top\":0,\"width\":10,\"height\":10}]}}",
                "{\"b\":{\"boundingBoxes\":[{\"label\":\"truck\",\"left\":0,\"top\":0,\"width\":10,\"height\":10}]}}");
        assertThat(result.consolidated().at("/b/boundingBoxes")).hasSize(1);
        assertThat(result.consolidated().at("/b/boundingBoxes/0/label").asString()).isEqualTo("car");
        assertThat(result.agreement().get("b").asDouble()).isZero();
    }

    @Test
    void aLabelChosenByExactlyHalfTheWorkersIsNotKept() {
        Consensus.Result result = consensus("{\"tags\":{\"labels\":[\"a\",\"b\"]}}", "{\"tags\":{\"labels\":[\"a\"]}}");
        assertThat(result.consolidated().at("/tags/labels").toString()).isEqualTo("[\"a\"]");
        // a: both agree; b: one chose it, one did not
        assertThat(result.agreement().get("tags").asDouble()).isEqualTo(0.75);
    }

    @Test
    void aNumberSomeWorkersLeftOutIsTheMeanOfThoseWhoGaveItAndAgreesLess() {
        Consensus.Result result = consensus("{\"score\":4,\"ok\":true}", "{\"score\":5,\"ok\":true}",
                "{\"ok\":true}");
        assertThat(result.consolidated().get("score").asDouble()).isEqualTo(4.5);
        assertThat(result.agreement().get("score").asDouble()).isEqualTo(0.533);
        assertThat(result.agreement().get("ok").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aFieldEveryAnswerLeftEmptyIsNullAndAgreesNotAtAll() {
        Consensus.Result result = consensus("{\"note\":null,\"ok\":true}", "{\"note\":null,\"ok\":true}");
        assertThat(result.consolidated().get("note").isNull()).isTrue();
        assertThat(result.agreement().get("note").asDouble()).isZero();
        assertThat(result.consolidated().has("absent")).isFalse();
    }

    private static Consensus.Result consensus(String... answers) {
        List<JsonNode> parsed = Arrays.stream(answers).map(JSON::readTree).toList();
        return Consensus.of(parsed);
    }
}
