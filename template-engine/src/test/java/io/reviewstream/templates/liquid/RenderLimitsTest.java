package io.reviewstream.templates.liquid;

import static org.assertj.core.api.Assertions.assertThat;

import io.reviewstream.templates.ReadAccessGranter;
import io.reviewstream.templates.RenderError;
import io.reviewstream.templates.RenderResult;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Whatever a template or its input does to burn CPU or memory ends as a render error: not an exception, not a
 * hang, not an exhausted heap. The engine's clock stands still here, so each case meets the limit it is about
 * and not the render deadline, however busy the machine; the deadline has its own test with a clock that moves.
 */
class RenderLimitsTest {

    private static final String NO_INPUT = "{}";
    private final LiquidEngine engine = new LiquidEngine(() -> 0L);

    private RenderResult render(String template, String input) {
        return engine.render(template, input, ReadAccessGranter.unavailable());
    }

    @Test
    void theDeadlineStopsALoopThatDoesNothing() {
        // every reading of this clock is a second later than the one before
        AtomicLong seconds = new AtomicLong();
        LiquidEngine slow = new LiquidEngine(() -> seconds.getAndIncrement() * 1_000_000_000L);
        RenderResult r = slow.render("{% for i in (1..10) %}{% endfor %}", NO_INPUT, ReadAccessGranter.unavailable());
        assertThat(r.html()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("TemplateRenderError");
            assertThat(e.message()).contains("rendering took longer than 2 seconds");
        });
        assertThat(seconds.get()).as("stopped at the deadline, not after ten passes").isLessThan(6);
    }

    @Test
    void hugeRangeLoopsStop() {
        RenderResult r = render("{% for i in (1..1000000000) %}{% endfor %}", NO_INPUT);
        assertThat(r.errors()).extracting(RenderError::code).containsExactly("TemplateRenderError");
        r = render("{% for i in (1..100000) %}{% for j in (1..100000) %}{% endfor %}{% endfor %}", NO_INPUT);
        assertThat(r.errors()).extracting(RenderError::code).containsExactly("TemplateRenderError");
    }

    private static final String TEN_KB = "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..10) %}{% assign s = s | append: s %}{% endfor %}";

    private void assertTooBig(String template, String message) {
        RenderResult r = render(template, NO_INPUT);
        assertThat(r.html()).as(template).isEmpty();
        assertThat(r.errors()).as(template).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("TemplateRenderError");
            assertThat(e.message()).contains(message);
        });
    }

    @Test
    void stringsCannotGrowPastTheLimit() {
        // doubling 40 times would be 10 TiB of characters
        assertTooBig("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}",
                "append would make a value of more than");
        assertTooBig(TEN_KB + "{% capture c %}{% for i in (1..1000) %}{{ s }}{% endfor %}{% endcapture %}{{ c.size }}",
                "rendered string exceeds");
    }

    @Test
    void filtersThatMultiplyTheirInputAreCheckedBeforeTheyRun() {
        // 10,240 replacements of 10,240 characters, 10,240 pieces glued with 10,240 characters: 100 M each
        assertTooBig(TEN_KB + "{% assign t = s | replace: 'x', s %}{{ t.size }}", "replace would make a value of more than");
        assertTooBig(TEN_KB + "{% assign l = s | split: '' %}{% assign t = l | join: s %}{{ t.size }}",
                "join would make a value of more than");
        assertTooBig(TEN_KB + "{% for i in (1..6) %}{% assign s = s | append: s %}{% endfor %}{% assign l = s | split: '' %}{{ l.size }}",
                "split would make more than 200000 items");
    }

    @Test
    void listsNestedIntoThemselvesCannotGrow() {
        // each push doubles what printing the list would print, while the list itself grows by one
        assertTooBig("{% assign a = 'x' | split: ',' %}{% for i in (1..60) %}{% assign a = a | push: a %}{% endfor %}{{ a }}",
                "push would make a value of more than");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "{% if true %}".repeat(20_000) + "x" + "{% endif %}".repeat(20_000);
        RenderResult r = render(deep, NO_INPUT);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).extracting(RenderError::code).first().isIn("TemplateSyntaxError", "TemplateRenderError");

        String nestedPushes = "{% assign a = 'x' | split: ',' %}{% for i in (1..20000) %}{% assign b = '' | split: ',' %}"
                + "{% assign a = b | push: a %}{% endfor %}{{ a | to_json }}";
        assertThat(render(nestedPushes, NO_INPUT).ok()).isFalse();
    }


    @Test
    void manyOutputsInALargeTemplateRewriteInOnePass() {
        // the autoescape rewrite once looked for {% raw %} from each output to the end: quadratic in the outputs
        String template = "{{ task.input.x }}".repeat(20_000);
        RenderResult r = render(template, "{\"x\": \"<\"}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.html()).isEqualTo("&lt;".repeat(20_000));
    }

    @Test
    void templatesOverTheSizeLimitAreNotParsed() {
        RenderResult r = render("x".repeat(1024 * 1024 + 1), NO_INPUT);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("TemplateSyntaxError");
            assertThat(e.message()).contains("larger than 1048576 bytes");
        });
    }
}
