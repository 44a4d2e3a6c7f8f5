package io.reviewstream.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Liquid usages and elements found in the published A2I sample templates (see the inventory in the
 * compatibility reference), written afresh: every one must render without errors, and every element must be
 * shipped in the crowd assets.
 */
class SampleTemplateFeaturesTest {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final RenderContext context = new RenderContext(uri -> "https://objects.test/" + S3Location.parse(uri).bucket()
            + "/" + S3Location.parse(uri).key() + "?sig=1", "/crowd");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', textBlock = """
            audio classification  ~ <audio controls src="{{ task.input.taskObject | grant_read_access }}"></audio> ~ {"taskObject":"s3://b/a.mp3"} ~ <audio controls src="https://objects.test/b/a.mp3?sig=1"></audio>
            two images            ~ <img src="{{ task.input.image1 | grant_read_access }}"><img src="{{ task.input.image2 | grant_read_access }}"> ~ {"image1":"s3://b/1.jpg","image2":"s3://b/2.jpg"} ~ <img src="https://objects.test/b/1.jpg?sig=1"><img src="https://objects.test/b/2.jpg?sig=1">
            nested item fields    ~ <h3>{{ task.input.item1.title }}</h3><img src="{{ task.input.item1.image | grant_read_access }}"> ~ {"item1":{"title":"Mug & cup","image":"s3://b/m.png"}} ~ <h3>Mug &amp; cup</h3><img src="https://objects.test/b/m.png?sig=1">
            categories from input ~ <crowd-classifier categories="{{ task.input.labels | to_json | escape }}"> ~ {"labels":["a","b"]} ~ <crowd-classifier categories="[&quot;a&quot;,&quot;b&quot;]">
            link from input       ~ <a href="{{ task.input.surveyLink }}">survey</a> ~ {"surveyLink":"https://survey.test/?a=1&b=2"} ~ <a href="https://survey.test/?a=1&amp;b=2">survey</a>
            text around blank     ~ {{ task.input.textBeginning }} ____ {{ task.input.textEnd }} ~ {"textBeginning":"The cat","textEnd":"the mat."} ~ The cat ____ the mat.
            languages             ~ ({{ task.input.original.language }}) {{ task.input.original.text }} ~ {"original":{"language":"de","text":"Hallo"}} ~ (de) Hallo
            missing key           ~ [{{ task.input.nothing }}] ~ {} ~ []
            entity text attribute ~ <crowd-entity-annotation text="{{ task.input.taskObject }}"> ~ {"taskObject":"He said \\"hi\\" & left"} ~ <crowd-entity-annotation text="He said &quot;hi&quot; &amp; left">
            blank template        ~ <crowd-form></crowd-form> ~ {} ~ <crowd-form></crowd-form>
            """)
    void sampleLiquidUsages(String name, String template, String input, String expected) {
        RenderResult r = renderer.render(template, input, context);
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo(expected);
    }

    @Test
    void rekognitionTemplateBuildsItsImageAndCategoriesWithCaptureAndFor() {
        String template = """
                {% capture s3_uri %}http://s3.amazonaws.com/{{ task.input.aiServiceRequest.image.s3Object.bucket }}/{{ task.input.aiServiceRequest.image.s3Object.name }}{% endcapture %}
                <crowd-rekognition-detect-moderation-labels categories='[{% for label in task.input.selectedAiServiceResponse.moderationLabels %}
                    {"name": {{ label.name | to_json }}, "parentName": {{ label.parentName | to_json }}}{% if forloop.last == false %},{% endif %}{% endfor %}]'
                  src="{{ s3_uri | grant_read_access }}" header="Review the image">
                </crowd-rekognition-detect-moderation-labels>""";
        RenderResult r = renderer.render(template, """
                {"aiServiceRequest": {"image": {"s3Object": {"bucket": "imgs", "name": "p/1.jpg"}}},
                 "selectedAiServiceResponse": {"moderationLabels": [{"name": "Smoking", "parentName": "Tobacco"},
                                                                     {"name": "Rude 'gesture'", "parentName": ""}]}}
                """, context);
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).contains("src=\"https://objects.test/imgs/p/1.jpg?sig=1\"")
                .contains("{\"name\": &quot;Smoking&quot;, \"parentName\": &quot;Tobacco&quot;},")
                .contains("&quot;Rude \\u0027gesture\\u0027&quot;");
    }

    @Test
    void textractTemplateFeedsBlocksAndImportantKeys() {
        String template = """
                {% capture s3_arn %}http://s3.amazonaws.com/{{ task.input.aiServiceRequest.document.s3Object.bucket }}/{{ task.input.aiServiceRequest.document.s3Object.name }}{% endcapture %}
                <crowd-textract-analyze-document src="{{ s3_arn | grant_read_access }}" initial-value="{{ task.input.selectedAiServiceResponse.blocks }}"
                  keys="{{ task.input.humanLoopContext.importantFormKeys }}" block-types="['KEY_VALUE_SET']" no-key-edit>
                </crowd-textract-analyze-document>""";
        RenderResult r = renderer.render(template, """
                {"aiServiceRequest": {"document": {"s3Object": {"bucket": "docs", "name": "f.png"}}},
                 "selectedAiServiceResponse": {"blocks": [{"blockType": "KEY_VALUE_SET", "id": "k1"}]},
                 "humanLoopContext": {"importantFormKeys": [{"importantFormKey": "Name", "importantFormKeyAliases": []}]}}
                """, context);
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).contains("src=\"https://objects.test/docs/f.png?sig=1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crowd-form", "crowd-button", "crowd-input", "crowd-text-area", "crowd-checkbox", "crowd-radio-group",
            "crowd-radio-button", "crowd-toggle-button", "crowd-slider", "crowd-classifier", "crowd-classifier-multi-select",
            "crowd-image-classifier", "crowd-image-classifier-multi-select", "crowd-bounding-box", "crowd-keypoint", "crowd-polygon",
            "crowd-line", "crowd-polyline", "crowd-semantic-segmentation", "crowd-instance-segmentation", "crowd-entity-annotation",
            "crowd-entity-annotator", "crowd-textract-analyze-document", "crowd-rekognition-detect-moderation-labels",
            "crowd-instructions", "crowd-alert", "crowd-badge", "crowd-card", "crowd-icon-button", "crowd-fab", "crowd-tabs", "crowd-tab",
            "crowd-modal", "crowd-toast", "crowd-tooltip", "full-instructions", "short-instructions", "classification-target",
            "worker-comment", "short-summary", "detailed-instructions", "positive-example", "negative-example"})
    void everyElementIsDefinedByTheShippedAssets(String element) throws IOException {
        assertThat(assets()).contains("'" + element + "':");
    }

    private static String assets() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String script : TaskPage.ELEMENT_SCRIPTS) {
            try (InputStream in = SampleTemplateFeaturesTest.class.getClassLoader()
                    .getResourceAsStream("META-INF/resources/crowd/" + script)) {
                assertThat(in).as(script + " is on the classpath").isNotNull();
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        for (String other : List.of("crowd-elements.css", "task-page.js", "task-page.css")) {
            assertThat(SampleTemplateFeaturesTest.class.getClassLoader().getResource("META-INF/resources/crowd/" + other))
                    .as(other).isNotNull();
        }
        return all.toString();
    }

    @Test
    void pageShellLoadsEveryElementScript() {
        TaskPageResult page = new TaskPage(renderer).render("<crowd-form></crowd-form>", "{}", context,
                TaskPageContext.forWorkerApi("t", null, null, null, null));
        assertThat(TaskPage.ELEMENT_SCRIPTS.stream().map(s -> "/crowd/" + s).collect(Collectors.toList()))
                .allSatisfy(src -> assertThat(page.html()).contains("src=\"" + src + "\""));
    }
}
