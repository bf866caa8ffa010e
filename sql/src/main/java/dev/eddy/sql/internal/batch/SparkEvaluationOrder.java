package dev.eddy.sql.internal.batch;

import dev.eddy.sql.internal.spark.SparkArgumentOrder;
import dev.eddy.sql.internal.spark.SparkDefer;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Spark's order of evaluation for a null-intolerant operator or function in a batch plan ({@link SparkArgumentOrder}).
 * Spark computes an operator's right operand only for a row whose left operand is not NULL (BinaryExpression.eval and
 * its generated code: {@code + - *}, the comparisons), a division's or remainder's dividend only where its divisor is
 * not NULL (DivModLike: {@code /}, {@code div}, {@code %}, pmod), and a function's arguments one after the other, each
 * only where those before are not NULL (substring, round, date_add, ...), so {@code (a + a) + coalesce(a, 'x')} is
 * NULL for a row whose {@code a} is NULL, where Calcite's generated code computes every operand first and fails on
 * {@code 'x'}. Every such call with an operand that may fail (it casts text, calls a function that checks its input,
 * divides) after one that may be NULL becomes {@code CASE WHEN first IS NULL THEN NULL ... ELSE call END}, which
 * Calcite's code computes branch by branch;
 * AND and OR compute such an operand only where the ones before it leave the answer open (Spark's And/Or.eval). The
 * streaming engine keeps the same order itself (its expression compiler).
 */
final class SparkEvaluationOrder {
    private SparkEvaluationOrder() {}

    static RelNode apply(RelNode plan) {
        RexBuilder rb = plan.getCluster().getRexBuilder();
        RexShuttle expressions = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                RexNode visited = super.visitCall(call);
                return visited instanceof RexCall c ? ordered(rb, c) : visited;
            }
        };
        return plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                return super.visit(other).accept(expressions);
            }
        });
    }

    private static RexNode ordered(RexBuilder rb, RexCall call) {
        if (call.getKind() == SqlKind.AND || call.getKind() == SqlKind.OR) {
            return shortCircuit(rb, call);
        }
        int[] order = SparkArgumentOrder.of(call);
        if (order == null || !call.getType().isNullable()) {
            return call;
        }
        List<RexNode> operands = call.getOperands();
        int last = 0; // the last operand in Spark's order that may fail
        for (int k = 1; k < order.length; k++) {
            if (canFail(operands.get(order[k]))) {
                last = k;
            }
        }
        // an operand that may fail is computed by Spark before it looks at the ones after it: Calcite's code computes
        // a strict call's operands only once it has seen none is NULL, so CAST('x' AS DOUBLE) + x never ran for a NULL
        // x; its test below (IS NULL) computes it first
        int upTo = last;
        for (int k = 0; k < order.length - 1; k++) {
            if (forced(operands, order, k)) {
                upTo = Math.max(upTo, k + 1);
            }
        }
        // CASE WHEN first IS NULL THEN NULL WHEN second IS NULL THEN NULL ... ELSE call END, up to the last one that
        // may fail: Calcite's code computes it branch by branch, so each operand only where those before are not NULL
        List<RexNode> branches = new ArrayList<>();
        for (int k = 0; k < upTo; k++) {
            RexNode before = operands.get(order[k]);
            boolean forced = forced(operands, order, k);
            if (before.getType().isNullable() || forced) {
                // a forced operand is tested through an opaque copy, which Calcite cannot prove not NULL
                branches.add(rb.makeCall(
                        SqlStdOperatorTable.IS_NULL, forced ? SparkDefer.opaqueNullable(rb, before) : before));
                branches.add(rb.makeNullLiteral(call.getType()));
            }
            if (k == 0 && SparkArgumentOrder.zeroDivisorIsNull(call)) {
                // try_divide, try_mod: a zero divisor answers NULL before the dividend is computed (DivModLike)
                branches.add(rb.makeCall(SqlStdOperatorTable.EQUALS, before, rb.makeZeroLiteral(before.getType())));
                branches.add(rb.makeNullLiteral(call.getType()));
            }
        }
        if (branches.isEmpty()) {
            return call;
        }
        branches.add(call);
        return rb.makeCall(call.getType(), SqlStdOperatorTable.CASE, branches);
    }

    /** Whether the operand at {@code k} in Spark's order may fail and one after it may be NULL. */
    private static boolean forced(List<RexNode> operands, int[] order, int k) {
        if (!canFail(operands.get(order[k]))) {
            return false;
        }
        for (int j = k + 1; j < order.length; j++) {
            if (operands.get(order[j]).getType().isNullable()) {
                return true;
            }
        }
        return false;
    }

    /**
     * AND/OR as Spark's And.eval/Or.eval: an operand that may fail is computed only where the ones before it leave the
     * answer open (not false for AND, not true for OR). Built from the right, so each operand appears twice at most
     * and the expression grows with the number of operands, not twice over with each one that may fail (an OR chain of
     * twelve equalities with text to cast made Calcite's generated code pass 64 KB): {@code CASE WHEN o1 IS FALSE THEN
     * FALSE ELSE o1 AND (CASE WHEN o2 IS FALSE THEN FALSE ELSE o2 AND (...)) END}, where the operands from the last one
     * that may fail on need no guard.
     */
    private static RexNode shortCircuit(RexBuilder rb, RexCall call) {
        List<RexNode> operands = call.getOperands();
        boolean and = call.getKind() == SqlKind.AND;
        int lastFailing = -1;
        for (int i = 1; i < operands.size(); i++) {
            if (canFail(operands.get(i))) {
                lastFailing = i;
            }
        }
        if (lastFailing < 0) {
            return call;
        }
        // the last operand that may fail and the ones after it: computed once the ones before leave the answer open
        RexNode rest = operands.size() - lastFailing == 1
                ? operands.get(lastFailing)
                : rb.makeCall(call.getOperator(), operands.subList(lastFailing, operands.size()));
        for (int i = lastFailing - 1; i >= 0; i--) {
            RexNode o = operands.get(i);
            // flat, as Calcite requires of a condition: a AND (b AND c) is AND(a, b, c)
            RexNode both = RexUtil.flatten(rb, rb.makeCall(call.getOperator(), o, rest));
            RexNode decided = rb.makeCall(and ? SqlStdOperatorTable.IS_FALSE : SqlStdOperatorTable.IS_TRUE, o);
            rest = rb.makeCall(both.getType(), SqlStdOperatorTable.CASE, List.of(decided, rb.makeLiteral(!and), both));
        }
        return rest.getType().equals(call.getType()) ? rest : rb.makeCast(call.getType(), rest, true, false);
    }

    /**
     * Whether an expression may fail for some row: a cast of text, a division, a function that checks its input ({@code
     * SPARK_DEFER(x)}, the identity, may fail where {@code x} may).
     */
    static boolean canFail(RexNode node) {
        if (!(node instanceof RexCall call)) {
            return false;
        }
        if (call.getOperator() instanceof SqlUserDefinedFunction
                        && !call.getOperator().getName().equals(SparkDefer.NAME)
                || call.getKind() == SqlKind.DIVIDE
                || call.getKind() == SqlKind.MOD) {
            return true;
        }
        if (call.getKind() == SqlKind.CAST
                && SqlTypeUtil.isCharacter(call.getOperands().get(0).getType())
                && !SqlTypeUtil.isCharacter(call.getType())) {
            return true;
        }
        for (RexNode o : call.getOperands()) {
            if (canFail(o)) {
                return true;
            }
        }
        return false;
    }
}
