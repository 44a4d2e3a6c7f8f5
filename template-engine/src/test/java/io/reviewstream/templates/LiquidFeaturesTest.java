package io.reviewstream.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiquidFeaturesTest {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final RenderContext context = new RenderContext(uri -> "https://signed.example/" + S3Location.parse(uri).key()
            + "?X-Amz-Signature=abc&X-Amz-Expires=300", "/crowd");

    private RenderResult render(String template, String input) {
        return renderer.render(template, input, context);
    }

    @Test
    void outputsAreHtmlEscapedByDefault() {
        RenderResult r = render("<p>{{ task.input.taskObject }}</p>", "{\"taskObject\":\"<b>Tom & 'Jerry'</b> \\\"x\\\"\"}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo("<p>&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt; &quot;x&quot;</p>");
    }

    @Test
    void escapeIsNotAppliedTwice() {
        assertThat(render("{{ task.input.t | escape }}", "{\"t\":\"a&b\"}").html()).isEqualTo("a&amp;b");
    }

    @Test
    void escapeOnceKeepsExistingEntities() {
        assertThat(render("{{ task.input.t | escape_once }}", "{\"t\":\"&amp; & <\"}").html())
                .isEqualTo("&amp; &amp; &lt;");
    }

    @Test
    void skipAutoescapeEmitsTrustedHtmlRaw() {
        assertThat(render("{{ task.input.t | skip_autoescape }}", "{\"t\":\"<i>x</i>\"}").html()).isEqualTo("<i>x</i>");
    }

    @Test
    void toJsonInAnAttributeDecodesToTheOriginalJson() {
        RenderResult r = render("<crowd-classifier categories=\"{{ task.input.labels | to_json | escape }}\">",
                "{\"labels\":[\"cat\",\"dog's\",\"a<b\"]}");
        assertThat(r.html()).isEqualTo(
                "<crowd-classifier categories=\"[&quot;cat&quot;,&quot;dog\\u0027s&quot;,&quot;a\\u003cb&quot;]\">");
        assertThat(render("{{ task.input.o | to_json }}", "{\"o\":{\"a\":1,\"b\":[true,null]}}").html())
                .isEqualTo("{&quot;a&quot;:1,&quot;b&quot;:[true,null]}");
        assertThat(render("{{ task.input.o | to_json | size }}", "{\"o\":[1,2]}").html()).isEqualTo("5");
    }

    @Test
    void toJsonCannotBreakOutOfAScriptEvenWithoutAutoescape() {
        String html = render("<script>var d = {{ task.input | to_json | skip_autoescape }};</script>",
                "{\"x\":\"</script><script>alert(1)</script>\"}").html();
        assertThat(html).doesNotContain("</script><script>").contains("\\u003c/script\\u003e");
    }

    @Test
    void toJsonInAScriptIsJavaScriptThatCannotEndTheScript() {
        String input = "{\"x\":\"</script><script>alert(1)</script>\\\" ' \\u2028\",\"n\":[1,{\"b\":true}]}";
        RenderResult r = render("<script nonce=\"abc\">var d = {{ task.input.x | to_json }}, n = {{ task.input.n | to_json }};</script>",
                input);
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo("<script nonce=\"abc\">var d = "
                + "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\\" \\u0027 \\u2028\", "
                + "n = [1,{\"b\":true}];</script>");
    }

    @Test
    void outsideScriptsToJsonIsEscapedAsHtml() {
        // a script tag inside Liquid markup is not in the page
        RenderResult r = render("<SCRIPT>var d = {{ task.input.o | to_json }};</SCRIPT >{% assign t = '<script>' %}"
                + "<p data-o=\"{{ task.input.o | to_json }}\">"
                + "{{ task.input.o | to_json }}</p><script src=\"{{ task.input.o.a }}\"></script>", "{\"o\":{\"a\":\"x\\\"y\"}}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo("<SCRIPT>var d = {\"a\":\"x\\\"y\"};</SCRIPT >"
                + "<p data-o=\"{&quot;a&quot;:&quot;x\\&quot;y&quot;}\">{&quot;a&quot;:&quot;x\\&quot;y&quot;}</p>"
                + "<script src=\"x&quot;y\"></script>");
    }

    @Test
    void objectsAndArraysPrintAsJsonAsOnA2i() {
        String input = "{\"a\":[{\"x\":1,\"y\":\"q\"},{\"x\":2}],\"o\":{\"k\":[1,2],\"s\":\"it's <b>\"}}";
        assertThat(render("{{ task.input.a }}", input).html())
                .isEqualTo("[{&quot;x&quot;:1,&quot;y&quot;:&quot;q&quot;},{&quot;x&quot;:2}]");
        assertThat(render("{{ task.input.o }}", input).html())
                .isEqualTo("{&quot;k&quot;:[1,2],&quot;s&quot;:&quot;it\\u0027s \\u003cb\\u003e&quot;}");
        assertThat(render("{{ task.input.a | first }}|{{ task.input.o.k | escape }}", input).html())
                .isEqualTo("{&quot;x&quot;:1,&quot;y&quot;:&quot;q&quot;}|[1,2]");
        assertThat(render("{{ task.input.o.k | skip_autoescape }}", input).html()).isEqualTo("[1,2]");
        assertThat(render("{{ task.input.o.s }}", input).html()).isEqualTo("it&#39;s &lt;b&gt;");
    }

    @Test
    void anObjectInAnAttributeCannotEndTheAttribute() {
        RenderResult r = render("<crowd-textract-analyze-document initial-value=\"{{ task.input.blocks }}\" keys='{{ task.input.keys }}'>",
                "{\"blocks\":[{\"Text\":\"\\\" onclick=\\\"alert(1)\"}],\"keys\":[\"' x='\"]}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo("<crowd-textract-analyze-document "
                + "initial-value=\"[{&quot;Text&quot;:&quot;\\&quot; onclick=\\&quot;alert(1)&quot;}]\" "
                + "keys='[&quot;\\u0027 x=\\u0027&quot;]'>");
    }

    @Test
    void anObjectInAScriptIsInertJavaScript() {
        RenderResult r = render("<script>var o = {{ task.input.o }};</script>",
                "{\"o\":{\"s\":\"</script><script>alert(1)</script>\"}}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo(
                "<script>var o = {\"s\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"};</script>");
    }

    @Test
    void plainOutputsInAScriptCannotLeaveTheirStringLiteral() {
        String template = "<script>var a = '{{ task.input.a }}', b = \"{{ task.input.b }}\", c = `{{ task.input.c }}`;</script>";
        RenderResult r = render(template, """
                {"a": "\\\\'; alert(1)//", "b": "\\\\\\"; alert(2)//", "c": "${alert(3)}`"}
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo("<script>var a = '&#92;&#39;; alert(1)//', b = \"&#92;&quot;; alert(2)//\", "
                + "c = `&#36;{alert(3)}&#96;`;</script>");
    }

    @Test
    void grantReadAccessPresignsAndItsUrlIsAttributeSafe() {
        RenderResult r = render("<img src=\"{{ task.input.taskObject | grant_read_access }}\">",
                "{\"taskObject\":\"s3://bucket/dir/cat.jpg\"}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo("<img src=\"https://signed.example/dir/cat.jpg?X-Amz-Signature=abc&amp;X-Amz-Expires=300\">");
    }

    @Test
    void captureBuildsAnHttpsReferenceForGrantReadAccess() {
        String template = "{% capture s3_uri %}https://s3.amazonaws.com/{{ task.input.aiServiceRequest.document.s3Object.bucket }}/"
                + "{{ task.input.aiServiceRequest.document.s3Object.name }}{% endcapture %}"
                + "<img src=\"{{ s3_uri | grant_read_access }}\">";
        RenderResult r = render(template,
                "{\"aiServiceRequest\":{\"document\":{\"s3Object\":{\"bucket\":\"docs\",\"name\":\"forms/a&b.png\"}}}}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).startsWith("<img src=\"https://signed.example/forms/a&amp;b.png?");
    }

    @Test
    void badReferencesAreReportedNotThrown() {
        RenderResult r = render("<img src=\"{{ task.input.x | grant_read_access }}\">", "{\"x\":\"not a uri\"}");
        assertThat(r.html()).isEqualTo("<img src=\"\">");
        assertThat(r.errors()).singleElement().extracting(RenderError::code).isEqualTo("GrantReadAccessError");
    }

    @Test
    void forLoopsWithForloopIndexAndNestedFields() {
        String template = "{% for pair in task.input.pairs %}<tr><td>{{ forloop.index }}</td><td>{{ pair.original }}</td>"
                + "<crowd-text-area name=\"t{{ forloop.index }}\" value=\"{{ pair.translation }}\"></crowd-text-area></tr>{% endfor %}";
        String html = render(template, "{\"pairs\":[{\"original\":\"Hallo\",\"translation\":\"Hello\"},"
                + "{\"original\":\"Welt\",\"translation\":\"\\\"World\\\"\"}]}").html();
        assertThat(html).isEqualTo("<tr><td>1</td><td>Hallo</td><crowd-text-area name=\"t1\" value=\"Hello\"></crowd-text-area></tr>"
                + "<tr><td>2</td><td>Welt</td><crowd-text-area name=\"t2\" value=\"&quot;World&quot;\"></crowd-text-area></tr>");
    }

    @Test
    void forLoopOverModerationLabelsBuildsCategories() {
        String template = "{% for label in task.input.selectedAiServiceResponse.moderationLabels %}{% if forloop.first %}[{% endif %}"
                + "{{ label.name | to_json }}{% unless forloop.last %},{% endunless %}{% if forloop.last %}]{% endif %}{% endfor %}";
        assertThat(render(template, "{\"selectedAiServiceResponse\":{\"moderationLabels\":[{\"name\":\"Smoking\",\"confidence\":91.5},"
                + "{\"name\":\"Weapons\"}]}}").html()).isEqualTo("[&quot;Smoking&quot;,&quot;Weapons&quot;]");
    }

    @Test
    void standardTagsAndFilters() {
        String template = "{% assign n = task.input.items | size %}{% if n > 1 %}many{% else %}few{% endif %} "
                + "{% case task.input.kind %}{% when 'a' %}A{% else %}other{% endcase %} "
                + "{{ task.input.items | join: ', ' | upcase }} {{ task.input.missing | default: 'none' }}"
                + "{% comment %}{{ not rendered }}{% endcomment %}{% raw %} {{ literal }}{% endraw %}";
        RenderResult r = render(template, "{\"items\":[\"x\",\"y\"],\"kind\":\"a\"}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo("many A X, Y none {{ literal }}");
    }

    @Test
    void whitespaceControlAndQuotedBracesInOutputs() {
        assertThat(render("a  {{- \"}}\" -}}  b", "{}").html()).isEqualTo("a}}b");
    }

    @Test
    void numbersAndBooleansRenderAsLiquidDoes() {
        assertThat(render("{{ task.input.c }} {{ task.input.n }} {{ task.input.b }}", "{\"c\":0.42,\"n\":7,\"b\":true}").html())
                .isEqualTo("0.42 7 true");
    }

    @Test
    void syntaxErrorsAreReportedWithPosition() {
        RenderResult r = render("<p>{% if task.input.x %}unclosed</p>", "{}");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("TemplateSyntaxError");
            assertThat(e.message()).isNotBlank();
        });
    }

    @Test
    void invalidInputJsonIsReported() {
        RenderResult r = render("<p>{{ task.input.x }}</p>", "{not json");
        assertThat(r.errors()).extracting(RenderError::code).containsExactly("InvalidTaskInput");
        assertThat(r.html()).isEqualTo("<p></p>");
    }

    @Test
    void runawayLoopsAreStopped() {
        RenderResult r = render("{% for i in (1..100000000) %}x{% endfor %}", "{}");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void injectionAttemptsStayInert() {
        String template = "<crowd-input value=\"{{ task.input.a }}\"></crowd-input><textarea>{{ task.input.b }}</textarea>"
                + "<script>var t = '{{ task.input.c }}';</script><p>{{ task.input.d }}</p>";
        RenderResult r = render(template, """
                {"a": "\\" onfocus=\\"alert(1)", "b": "</textarea><script>alert(2)</script>",
                 "c": "'; alert(3); '", "d": "{{ task.input.a }}{% raw %}x{% endraw %}"}
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo("<crowd-input value=\"&quot; onfocus=&quot;alert(1)\"></crowd-input>"
                + "<textarea>&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>"
                + "<script>var t = '&#39;; alert(3); &#39;';</script>"
                + "<p>{{ task.input.a }}{% raw %}x{% endraw %}</p>");
    }

    @Test
    void s3ReferenceForms() {
        assertThat(S3Location.parse("s3://b/k/with space.png")).isEqualTo(new S3Location("b", "k/with space.png"));
        assertThat(S3Location.parse("https://s3.amazonaws.com/b/k%2Fx.png")).isEqualTo(new S3Location("b", "k/x.png"));
        assertThat(S3Location.parse("https://s3.eu-west-1.amazonaws.com/b/k.png")).isEqualTo(new S3Location("b", "k.png"));
        assertThat(S3Location.parse("https://b.s3.amazonaws.com/k.png")).isEqualTo(new S3Location("b", "k.png"));
    }
}
