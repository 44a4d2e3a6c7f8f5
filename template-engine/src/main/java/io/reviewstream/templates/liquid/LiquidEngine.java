package io.reviewstream.templates.liquid;

import io.reviewstream.templates.ReadAccessGranter;
import io.reviewstream.templates.RenderError;
import io.reviewstream.templates.RenderResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liqp.Template;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;
import liqp.filters.Filter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Liquid as A2I runs it: {@code task.input} bound to the parsed task input, A2I's filters, autoescape on.
 * A parser is built per render because {@code grant_read_access} reports into that render's error list;
 * building one is cheap next to parsing the template.
 */
public final class LiquidEngine {

    /** Generous for any real template, small enough that a hostile loop cannot exhaust the service. */
    static final int MAX_ITERATIONS = 200_000;
    static final int MAX_RENDERED_CHARS = 8 * 1024 * 1024;
    static final long MAX_TEMPLATE_BYTES = 1024 * 1024;

    private final JsonMapper json = JsonMapper.builder().build();

    public RenderResult render(String templateContent, String taskInputJson, ReadAccessGranter readAccess) {
        List<RenderError> errors = new ArrayList<>();
        Object input = parseInput(taskInputJson, errors);
        TemplateParser.Builder builder = new TemplateParser.Builder()
                .withErrorMode(TemplateParser.ErrorMode.STRICT)
                .withMaxIterations(MAX_ITERATIONS)
                .withMaxSizeRenderedString(MAX_RENDERED_CHARS)
                .withMaxTemplateSizeBytes(MAX_TEMPLATE_BYTES);
        for (Filter filter : A2iFilters.create(json, readAccess, errors)) {
            builder.withFilter(filter);
        }
        TemplateParser parser = builder.build();
        Template template;
        try {
            template = parser.parse(AutoescapeRewriter.rewrite(templateContent == null ? "" : templateContent));
        } catch (LiquidException e) {
            errors.add(new RenderError(RenderError.Codes.TEMPLATE_SYNTAX, describe(e)));
            return new RenderResult("", errors);
        } catch (RuntimeException e) {
            errors.add(new RenderError(RenderError.Codes.TEMPLATE_SYNTAX, messageOf(e)));
            return new RenderResult("", errors);
        }
        try {
            Map<String, Object> task = new HashMap<>();
            task.put("input", input);
            String html = template.render(Map.of("task", task));
            for (Exception e : template.errors()) {
                errors.add(new RenderError(RenderError.Codes.TEMPLATE_RENDER, messageOf(e)));
            }
            return new RenderResult(html, errors);
        } catch (RuntimeException e) {
            errors.add(new RenderError(RenderError.Codes.TEMPLATE_RENDER, messageOf(e)));
            return new RenderResult("", errors);
        }
    }

    private Object parseInput(String taskInputJson, List<RenderError> errors) {
        if (taskInputJson == null || taskInputJson.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(taskInputJson, Object.class);
        } catch (JacksonException e) {
            errors.add(new RenderError(RenderError.Codes.INVALID_INPUT,
                    "task input is not valid JSON: " + e.getOriginalMessage()));
            return Map.of();
        }
    }

    private static String describe(LiquidException e) {
        return "line " + e.line + ", column " + e.charPositionInLine + ": " + messageOf(e);
    }

    private static String messageOf(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
