package io.reviewstream.templates;

import io.reviewstream.templates.liquid.LiquidEngine;

/**
 * Renders an A2I worker task template (HTML + Liquid + crowd elements) with a task's input, exactly as
 * RenderUiTemplate and the worker portal need it. Thread-safe; share one instance.
 */
public final class TemplateRenderer {

    private final LiquidEngine liquid = new LiquidEngine();

    /**
     * @param templateContent the template (HumanTaskUi UiTemplate content)
     * @param taskInputJson   the task input JSON (InputContent), bound to {@code task.input}
     * @param context         read-access granting and asset location for this render
     * @return the HTML and the errors found; never throws for a bad template or input
     */
    public RenderResult render(String templateContent, String taskInputJson, RenderContext context) {
        return liquid.render(templateContent, taskInputJson, context.readAccess());
    }
}
