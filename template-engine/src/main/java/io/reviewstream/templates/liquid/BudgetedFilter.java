package io.reviewstream.templates.liquid;

import liqp.TemplateContext;
import liqp.filters.Filter;

/** A filter that asks the render's {@link RenderBudget} before and after it runs. */
final class BudgetedFilter extends Filter {

    private final Filter filter;
    private final RenderBudget budget;

    BudgetedFilter(Filter filter, RenderBudget budget) {
        super(filter.name);
        this.filter = filter;
        this.budget = budget;
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
        budget.checkFilterCall(name, value, params);
        return budget.checkFilterResult(name, filter.apply(value, context, params));
    }
}
