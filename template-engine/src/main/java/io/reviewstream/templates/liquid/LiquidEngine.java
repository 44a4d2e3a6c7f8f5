package io.reviewstream.templates.liquid;

import io.reviewstream.templates.ReadAccessGranter;
import io.reviewstream.templates.RenderError;
import io.reviewstream.templates.RenderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import liqp.Template;
import liqp.TemplateParser;
import liqp.blocks.For;
import liqp.blocks.Tablerow;
import liqp.exceptions.LiquidException;
import liqp.filters.Filter;
import liqp.parser.Flavor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Liquid as A2I runs it: {@code task.input} bound to the parsed task input, A2I's filters, autoescape on.
 * A parser is built per render because {@code grant_read_access} reports into that render's error list and every
 * loop and filter reports to that render's {@link RenderBudget}; building one is cheap next to parsing the template.
 *
 * <p>A template reaches nothing outside its input: includes are refused ({@link Includes}), no other Liquid tag or
 * filter of liqp reads files or the network, and only {@code grant_read_access} talks to object storage, through
 * the {@link ReadAccessGranter} the caller hands in. What is left is CPU and memory, which the limits below and
 * {@link RenderBudget} bound. Whatever goes wrong comes back as a render error, never as an exception.
 */
public final class LiquidEngine {

    /** Generous for any real template, small enough that a hostile loop cannot exhaust the service. */
    static final int MAX_ITERATIONS = 200_000;
    static final int MAX_RENDERED_CHARS = 8 * 1024 * 1024;
    /** Checked on the template as written; the autoescape rewrite makes it longer before liqp sees it. */
    static final int MAX_TEMPLATE_BYTES = 1024 * 1024;

    /** liqp's own flavour; every one of its filters is wrapped in the render's budget. */
    private static final Flavor PARSER_FLAVOR = Flavor.LIQP;
    private static final String TOO_DEEP = "the template or its input nests too deeply";

    private final JsonMapper json = JsonMapper.builder().build();
    private final LongSupplier nanoClock;

    public LiquidEngine() {
        this(System::nanoTime);
    }

    LiquidEngine(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public RenderResult render(String templateContent, String taskInputJson, ReadAccessGranter readAccess) {
        List<RenderError> errors = new ArrayList<>();
        String source = templateContent == null ? "" : templateContent;
        if (source.getBytes(StandardCharsets.UTF_8).length > MAX_TEMPLATE_BYTES) {
            return failed(errors, RenderError.Codes.TEMPLATE_SYNTAX,
                    "the template is larger than " + MAX_TEMPLATE_BYTES + " bytes");
        }
        Object input = parseInput(taskInputJson, errors);
        RenderBudget budget = new RenderBudget(nanoClock);
        TemplateParser parser = parser(budget, readAccess, errors);
        Template template;
        try {
            template = parser.parse(AutoescapeRewriter.rewrite(source));
        } catch (LiquidException e) {
            return failed(errors, RenderError.Codes.TEMPLATE_SYNTAX, describe(e));
        } catch (RuntimeException e) {
            return failed(errors, RenderError.Codes.TEMPLATE_SYNTAX, messageOf(e));
        } catch (StackOverflowError e) {
            return failed(errors, RenderError.Codes.TEMPLATE_SYNTAX, TOO_DEEP);
        }
        Optional<String> include = Includes.findIn(template);
        if (include.isPresent()) {
            return failed(errors, RenderError.Codes.TEMPLATE_SYNTAX, include.get());
        }
        try {
            Map<String, Object> task = new HashMap<>();
            task.put("input", input);
            budget.start();
            String html = template.render(Map.of("task", task));
            for (Exception e : template.errors()) {
                errors.add(new RenderError(RenderError.Codes.TEMPLATE_RENDER, messageOf(e)));
            }
            return new RenderResult(html, errors);
        } catch (RuntimeException e) {
            return failed(errors, codeOf(e), messageOf(e));
        } catch (StackOverflowError e) {
            return failed(errors, RenderError.Codes.TEMPLATE_RENDER, TOO_DEEP);
        }
    }

    private TemplateParser parser(RenderBudget budget, ReadAccessGranter readAccess, List<RenderError> errors) {
        TemplateParser.Builder builder = new TemplateParser.Builder()
                .withErrorMode(TemplateParser.ErrorMode.STRICT)
                .withMaxIterations(MAX_ITERATIONS)
                .withMaxSizeRenderedString(MAX_RENDERED_CHARS)
                .withNameResolver(Includes.refusingResolver());
        Includes.refusingTags().forEach(builder::withTag);
        builder.withBlock(new BudgetedLoop(new For(), budget));
        builder.withBlock(new BudgetedLoop(new Tablerow(), budget));
        Map<String, Filter> filters = new HashMap<>(PARSER_FLAVOR.getFilters().getMap());
        A2iFilters.create(json, readAccess, errors).forEach(filter -> filters.put(filter.name, filter));
        filters.values().forEach(filter -> builder.withFilter(new BudgetedFilter(filter, budget)));
        return builder.withFlavor(PARSER_FLAVOR).build();
    }

    private static RenderResult failed(List<RenderError> errors, String code, String message) {
        errors.add(new RenderError(code, message));
        return new RenderResult("", errors);
    }

    /** An include met while rendering (inside {@code where_exp}) is the same mistake as one in the template. */
    private static String codeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Includes.IncludeRefusedException) {
                return RenderError.Codes.TEMPLATE_SYNTAX;
            }
        }
        return RenderError.Codes.TEMPLATE_RENDER;
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
