package dev.eddy.sql.internal.translate;

import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.Generate;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/** Spark's {@code explode(split(text, regex))} in a SELECT list: one output row per part. */
final class Explodes {
    private Explodes() {}

    static Translated generate(
            Translated in, RexCall explode, List<Expr> columns, int at, String name, Function<RexNode, Expr> rex) {
        if (!(explode.getOperands().get(0) instanceof RexCall split)
                || !split.getOperator().getName().equalsIgnoreCase("SPLIT")
                || !(split.getOperands().get(1) instanceof RexLiteral regex)) {
            throw new Unsupported("explode(...) takes split(text, 'regex'), e.g. explode(split(line, ' '))");
        }
        Expr text = rex.apply(split.getOperands().get(0));
        // the other SELECT items are computed first, so Generate only adds the exploded column
        List<Expr> keep = new ArrayList<>();
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (i != at) {
                String n = "c" + i + "_" + name;
                keep.add(new Expr.Alias(columns.get(i), n));
                out.add(new Expr.Col(n));
            } else {
                out.add(new Expr.Col(name));
            }
        }
        String textName = "__split_input";
        keep.add(new Expr.Alias(text, textName));
        LogicalPlan base = new Project(in.plan(), keep);
        LogicalPlan generated = new Generate(base, new Expr.Col(textName), regex.getValueAs(String.class), name);
        return new Translated(generated, out, null);
    }
}
