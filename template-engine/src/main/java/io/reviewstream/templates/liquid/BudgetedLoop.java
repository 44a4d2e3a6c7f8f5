package io.reviewstream.templates.liquid;

import liqp.Insertion;
import liqp.TemplateContext;
import liqp.blocks.Block;
import liqp.nodes.BlockNode;
import liqp.nodes.LNode;

/**
 * A loop tag ({@code for}, {@code tablerow}) whose body starts with a checkpoint of the render's
 * {@link RenderBudget}: liqp counts loop passes, but a pass whose body outputs nothing and calls no filter would
 * otherwise never come back to us.
 */
final class BudgetedLoop extends Block {

    private final Insertion loop;
    private final LNode checkpoint;

    BudgetedLoop(Insertion loop, RenderBudget budget) {
        super(loop.name);
        this.loop = loop;
        this.checkpoint = context -> {
            budget.checkpoint();
            return null;
        };
    }

    @Override
    public Object render(TemplateContext context, LNode... nodes) {
        LNode[] checked = nodes.clone();
        for (int i = 0; i < checked.length; i++) {
            if (checked[i] instanceof BlockNode body) {
                BlockNode withCheckpoint = new BlockNode();
                withCheckpoint.add(checkpoint);
                body.getChildren().forEach(withCheckpoint::add);
                checked[i] = withCheckpoint;
            }
        }
        return loop.render(context, checked);
    }
}
