package io.reviewstream.templates.liquid;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import liqp.Template;
import liqp.TemplateContext;
import liqp.antlr.NameResolver;
import liqp.nodes.LNode;
import liqp.org.antlr.v4.runtime.ParserRuleContext;
import liqp.org.antlr.v4.runtime.tree.ParseTree;
import liqp.tags.Tag;
import liquid.parser.v4.LiquidParser;

/**
 * A2I templates cannot include other templates, and liqp's {@code include} and {@code include_relative} read
 * whatever path they are given from the local file system. So a template that names either is refused as a syntax
 * error, wherever the tag stands; and in case a template is parsed where that check does not look (the expression
 * of {@code where_exp} is parsed as a template of its own), both tags fail when they render and the name resolver
 * resolves nothing.
 */
final class Includes {

    static final String REFUSAL = "include is not supported: a task template cannot include other files or templates";

    private Includes() {
    }

    static List<Tag> refusingTags() {
        return List.of(new Refused("include"), new Refused("include_relative"));
    }

    static NameResolver refusingResolver() {
        return name -> {
            throw new IOException(REFUSAL);
        };
    }

    /** Where the first include tag of the parsed template stands, as a syntax error message; empty if none. */
    static Optional<String> findIn(Template template) {
        Deque<ParseTree> pending = new ArrayDeque<>();
        pending.push(template.getParseTree());
        while (!pending.isEmpty()) {
            ParseTree node = pending.pop();
            if (node instanceof LiquidParser.Include_tagContext || node instanceof LiquidParser.Include_relative_tagContext) {
                ParserRuleContext tag = (ParserRuleContext) node;
                return Optional.of("line " + tag.getStart().getLine() + ", column " + tag.getStart().getCharPositionInLine()
                        + ": " + REFUSAL);
            }
            for (int i = node.getChildCount() - 1; i >= 0; i--) {
                pending.push(node.getChild(i));
            }
        }
        return Optional.empty();
    }

    private static final class Refused extends Tag {
        Refused(String name) {
            super(name);
        }

        @Override
        public Object render(TemplateContext context, LNode... nodes) {
            throw new IncludeRefusedException();
        }
    }

    /** Reported as a syntax error, like an include in the template itself. */
    static final class IncludeRefusedException extends RuntimeException {
        IncludeRefusedException() {
            super(REFUSAL);
        }
    }
}
