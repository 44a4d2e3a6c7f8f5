package io.reviewstream.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A template reads nothing but its input: every way liqp has to pull in a file is refused, as a syntax error.
 * (What a template may spend is {@code RenderLimitsTest}'s subject.)
 */
class TemplateSandboxTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TemplateRenderer renderer = new TemplateRenderer();

    private RenderResult render(String template, Map<String, ?> input) {
        return renderer.render(template, JSON.writeValueAsString(input), RenderContext.withoutObjectStorage());
    }

    private void assertIncludeRefused(String template, Map<String, ?> input) {
        RenderResult r = render(template, input);
        assertThat(r.html()).as(template).isEmpty();
        assertThat(r.errors()).as(template).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("TemplateSyntaxError");
            assertThat(e.message()).contains("include is not supported");
        });
    }

    @Test
    void includesOfAbsolutePathsAreRefused() {
        assertThat(Path.of("/etc/passwd")).exists();
        assertIncludeRefused("<pre>{% include '/etc/passwd' %}</pre>", Map.of());
        assertIncludeRefused("<pre>{%- include \"/etc/passwd\" -%}</pre>", Map.of());
        assertIncludeRefused("<pre>{% include '/etc/hostname' with task.input %}</pre>", Map.of());
        // would never end: refused before anything is read
        assertIncludeRefused("<pre>{% include '/dev/zero' %}</pre>", Map.of());
    }

    @Test
    void includesOfRelativePathsAreRefused() throws Exception {
        // the tests run in the module folder, so these name files that are there
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<project");
        assertIncludeRefused("{% include 'pom.xml' %}", Map.of());
        assertIncludeRefused("{% include '../pom.xml' %}", Map.of());
        assertIncludeRefused("{% include 'src/main/resources/META-INF/resources/crowd/task-page' %}", Map.of());
    }

    @Test
    void includesNamedByTheTaskInputAreRefused() {
        assertIncludeRefused("{% include task.input.file %}", Map.of("file", "/etc/passwd"));
        assertIncludeRefused("{% assign f = task.input.file | prepend: '/etc/' %}{% include f %}",
                Map.of("file", "passwd"));
    }

    @Test
    void anIncludeIsRefusedEvenWhereItWouldNotRender() {
        // CreateHumanTaskUi checks the template with an empty input: the include must not wait for a real task
        assertIncludeRefused("{% if task.input.x %}{% include task.input.x %}{% endif %}", Map.of());
        assertIncludeRefused("{% for i in task.input.none %}{% include '/etc/passwd' %}{% endfor %}", Map.of());
    }

    @Test
    void includeRelativeAndRenderAreNotTags() {
        for (String template : new String[] {"{% include_relative pom.xml %}", "{% include_relative '/etc/passwd' %}",
                "{% render '/etc/passwd' %}", "{% render 'pom.xml' %}"}) {
            RenderResult r = render(template, Map.of());
            assertThat(r.html()).as(template).isEmpty();
            assertThat(r.errors()).as(template).extracting(RenderError::code).containsExactly("TemplateSyntaxError");
        }
    }

    @Test
    void anIncludeSmuggledIntoAWhereExpExpressionIsRefused() {
        // where_exp parses its expression as a template of its own; the input can write that expression
        RenderResult r = render("{% assign xs = 'a,b' | split: ',' %}{{ xs | where_exp: 'x', task.input.e | size }}",
                Map.of("e", "x }}{% include '/etc/passwd' %}{{ x"));
        assertThat(r.html()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("TemplateSyntaxError");
            assertThat(e.message()).contains("include is not supported");
        });
    }
}
