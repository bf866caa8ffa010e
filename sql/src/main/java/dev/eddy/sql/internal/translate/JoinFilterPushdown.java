package dev.eddy.sql.internal.translate;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.FilterProjectTransposeRule;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Spark's optimizer rules for filters around a join (PushPredicateThroughJoin, EliminateOuterJoin), done by Calcite's
 * equivalents before translation: a WHERE predicate that reads one side only runs below the join on that side, and an
 * outer join whose WHERE rejects the null-extended rows becomes an inner join. Results are the same either way, but a
 * stream-stream join's state holds only rows that pass, and which rows wait for a match, or come out with nulls,
 * follows (Spark's state rows and output, batch by batch).
 *
 * <p>A filter moves through a projection only when that projection sits directly on a join and generates no rows
 * ({@code explode}), so no other plan changes.
 */
final class JoinFilterPushdown {
    private JoinFilterPushdown() {}

    static RelNode apply(RelNode rel) {
        if (!containsJoin(rel)) {
            return rel;
        }
        rel = belowWindows(rel);
        FilterProjectTransposeRule overJoinProject = FilterProjectTransposeRule.Config.DEFAULT
                .withOperandSupplier(b0 -> b0.operand(Filter.class)
                        .predicate(f -> !RexUtil.containsCorrelation(f.getCondition()))
                        .oneInput(b1 -> b1.operand(Project.class)
                                .predicate(p -> !p.containsOver() && !generatesRows(p))
                                .oneInput(b2 -> b2.operand(Join.class).anyInputs())))
                .as(FilterProjectTransposeRule.Config.class)
                .toRule();
        // together, to a fixed point: a WHERE inside a join's subquery goes into the join first, and then a WHERE
        // above its projection reaches the join too (Spark's optimizer runs its rules until nothing changes)
        HepProgramBuilder program =
                new HepProgramBuilder().addRuleCollection(List.of(overJoinProject, CoreRules.FILTER_INTO_JOIN));
        HepPlanner planner = new HepPlanner(program.build());
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    /**
     * A WHERE over a window table function (what GROUP BY window(...) becomes) that reads none of the window's columns
     * runs below it: the function passes its input's columns through in front of window_start and window_end, and
     * the WHERE filters rows before they are grouped anyway. Then the join rules can move it further down.
     */
    private static RelNode belowWindows(RelNode rel) {
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : rel.getInputs()) {
            RelNode pushed = belowWindows(input);
            changed |= pushed != input;
            inputs.add(pushed);
        }
        RelNode node = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
        if (node instanceof Filter f
                && f.getInput() instanceof TableFunctionScan t
                && t.getInputs().size() == 1
                && !RexUtil.containsCorrelation(f.getCondition())) {
            RelNode windowed = t.getInputs().get(0);
            ImmutableBitSet used = RelOptUtil.InputFinder.bits(f.getCondition());
            if (used.length() <= windowed.getRowType().getFieldCount()) {
                RelNode filtered = belowWindows(f.copy(f.getTraitSet(), windowed, f.getCondition()));
                return t.copy(
                        t.getTraitSet(),
                        List.of(filtered),
                        t.getCall(),
                        t.getElementType(),
                        t.getRowType(),
                        t.getColumnMappings());
            }
        }
        return node;
    }

    private static boolean containsJoin(RelNode rel) {
        if (rel instanceof Join) {
            return true;
        }
        for (RelNode input : rel.getInputs()) {
            if (containsJoin(input)) {
                return true;
            }
        }
        return false;
    }

    private static boolean generatesRows(Project p) {
        for (RexNode e : p.getProjects()) {
            if (e instanceof RexCall call && call.getOperator().getName().equalsIgnoreCase("EXPLODE")) {
                return true;
            }
        }
        return false;
    }
}
