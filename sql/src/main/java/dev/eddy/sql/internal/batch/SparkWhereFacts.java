package dev.eddy.sql.internal.batch;

import dev.eddy.sql.internal.catalog.RelationTable;
import dev.eddy.sql.internal.spark.SparkArgumentOrder;
import dev.eddy.sql.internal.spark.SparkDefer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What a WHERE, HAVING or ON says of its columns, kept from Calcite's simplifier in a batch plan that computes
 * something that may fail. Calcite simplifies with what a condition knows: {@code x IS NULL} makes {@code x} NULL in
 * the SELECT list above it and in the rest of the condition, {@code a = 1} makes {@code a} 1, two ranges that do not
 * meet make the condition false. Its answer is the same for every row it keeps, but what it no longer computes is
 * gone: {@code CAST('x' AS DOUBLE) + x} becomes NULL under {@code WHERE x IS NULL} and {@code CAST(s AS INT) = a AND a
 * IS NULL} becomes false, where Spark computes {@code +}'s and {@code =}'s left side first and fails on 'x'. Spark's
 * optimizer has no such rule (its NullPropagation folds NULL literals only, its ConstantPropagation an equality with a
 * literal into the same condition; over a local relation it computes the WHERE and SELECT list row by row before
 * either). So each comparison, {@code IS [NOT] NULL}, {@code IS [NOT] TRUE/FALSE}, range and boolean column of a
 * condition that cannot fail itself becomes {@code SPARK_DEFER(fact)}: the same value, row by row, opaque to Calcite,
 * which then derives nothing from it; the order of evaluation is then Spark's ({@link SparkEvaluationOrder}). An
 * equality of two columns stays (a join's keys), and so does every fact of a plan in which nothing can fail, where
 * no simplification changes an answer. A WHERE directly over a file table is first put in the order Spark's reader
 * applies it ({@link #readerFirst}).
 */
public final class SparkWhereFacts {
    private static final Set<SqlKind> FACTS = Set.of(
            SqlKind.EQUALS,
            SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN,
            SqlKind.LESS_THAN_OR_EQUAL,
            SqlKind.GREATER_THAN,
            SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.IS_NULL,
            SqlKind.IS_NOT_NULL,
            SqlKind.IS_TRUE,
            SqlKind.IS_NOT_TRUE,
            SqlKind.IS_FALSE,
            SqlKind.IS_NOT_FALSE,
            SqlKind.IS_DISTINCT_FROM,
            SqlKind.IS_NOT_DISTINCT_FROM,
            SqlKind.SEARCH,
            SqlKind.BETWEEN,
            SqlKind.IN,
            SqlKind.NOT_IN);

    /**
     * Facts a streaming plan keeps in Calcite's hands (with an OR and what is under it): a long IN list there is one
     * predicate (the engine's hash-set lookup), which opaque copies of its terms made too deep to plan (20,000 values).
     */
    private static final Set<SqlKind> LISTS = Set.of(SqlKind.SEARCH, SqlKind.IN, SqlKind.NOT_IN);

    private SparkWhereFacts() {}

    static RelNode apply(RelNode plan) {
        return apply(plan, true);
    }

    /**
     * A streaming plan's WHERE and HAVING facts opaque as a batch plan's ({@link #apply}), before the streaming
     * translator's field trimmer rebuilds its filters with Calcite's simplifying builder, which made {@code
     * CAST(s AS INT) > v AND v IS NULL} (and {@code v > 0 AND v IS NULL}) an empty VALUES the engine does not run, where
     * Spark runs the query and fails on {@code s = 'x'} for a row with a {@code v}. A join's condition (its keys and
     * time bounds, which the translator reads) keeps its form, and no WHERE is put in a file reader's order: the
     * engine applies what Spark infers below the watermark itself (FilterBelowWatermark).
     */
    public static RelNode streaming(RelNode plan) {
        return apply(plan, false);
    }

    private static RelNode apply(RelNode plan, boolean batch) {
        if (!computesWhatMayFail(plan)) {
            return plan;
        }
        RexBuilder rb = plan.getCluster().getRexBuilder();
        RexShuttle hide = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                if (FACTS.contains(call.getKind())
                        && (batch || !LISTS.contains(call.getKind()))
                        && !SparkEvaluationOrder.canFail(call)
                        && !columnEquality(call)
                        && !RexUtil.containsCorrelation(call)
                        && RexUtil.SubQueryFinder.find(call) == null) {
                    return SparkDefer.opaque(rb, call);
                }
                if (!batch && call.getKind() == SqlKind.OR) {
                    // a streaming IN list is an OR of equalities here, which the translator makes one hash-set lookup
                    return call;
                }
                if (call.getKind() == SqlKind.AND || call.getKind() == SqlKind.OR || call.getKind() == SqlKind.NOT) {
                    return super.visitCall(call);
                }
                return call; // a fact inside another expression (CASE, a function) tells Calcite nothing of the rows
            }

            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return ref.getType().getSqlTypeName() == SqlTypeName.BOOLEAN ? SparkDefer.opaque(rb, ref) : ref;
            }
        };
        return plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other);
                if (visited instanceof Filter f) {
                    RexNode c = (batch && overFileRows(f) ? readerFirst(rb, f.getCondition()) : f.getCondition())
                            .accept(hide);
                    return c == f.getCondition() ? f : f.copy(f.getTraitSet(), f.getInput(), c);
                }
                if (batch && visited instanceof Join j) {
                    RexNode c = j.getCondition().accept(hide);
                    return c == j.getCondition()
                            ? j
                            : j.copy(
                                    j.getTraitSet(), c, j.getLeft(), j.getRight(), j.getJoinType(), j.isSemiJoinDone());
                }
                return visited;
            }
        });
    }

    /**
     * A WHERE directly over a file table's rows: Spark's CSV and JSON readers apply its comparisons of a column with a
     * literal and its {@code IS [NOT] NULL} (and the {@code isnotnull} of every column a null-intolerant term reads,
     * which Spark infers: InferFiltersFromConstraints) to each record as they read it, before the rest of the condition
     * is computed ({@link #readerFirst}).
     */
    private static boolean overFileRows(Filter filter) {
        RelNode input = filter.getInput();
        while (input instanceof Project || input instanceof Filter) {
            input = input.getInput(0);
        }
        RelationTable t = input instanceof TableScan scan ? scan.getTable().unwrap(RelationTable.class) : null;
        return t != null && t.relation().connector().equals("file");
    }

    /**
     * The condition as Spark computes it over a file's records: the terms its reader takes (a column compared with a
     * constant, {@code IS [NOT] NULL} of a column, and AND, OR, NOT of those) and {@code c IS NOT NULL} of each column
     * a null-intolerant term reads through null-intolerant operators, then the whole condition in its written order. So
     * {@code CAST(s AS INT) = a AND id = 1} computes the cast only for rows with {@code id = 1} and a non-NULL {@code
     * a}, as Spark does.
     */
    private static RexNode readerFirst(RexBuilder rb, RexNode condition) {
        List<RexNode> first = new ArrayList<>();
        Set<Integer> notNull = new TreeSet<>();
        for (RexNode term : RelOptUtil.conjunctions(condition)) {
            if (readerTakes(term)) {
                first.add(term);
            }
            if (nullIntolerant(term)) {
                columnsThroughNullIntolerant(term, notNull);
            }
        }
        if (first.isEmpty() && notNull.isEmpty()) {
            return condition;
        }
        List<RexNode> terms = new ArrayList<>(first);
        for (int i : notNull) {
            terms.add(rb.makeCall(SqlStdOperatorTable.IS_NOT_NULL, columnRef(condition, i)));
        }
        terms.add(condition);
        return RexUtil.flatten(rb, rb.makeCall(SqlStdOperatorTable.AND, terms));
    }

    /** The reference to column {@code index} as {@code condition} reads it (its type). */
    private static RexNode columnRef(RexNode condition, int index) {
        RexNode[] found = {null};
        condition.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitInputRef(RexInputRef ref) {
                if (ref.getIndex() == index && found[0] == null) {
                    found[0] = ref;
                }
                return null;
            }
        });
        return found[0];
    }

    /** A term Spark's file reader applies to each record: a column against a constant, AND, OR, NOT of those. */
    private static boolean readerTakes(RexNode term) {
        if (!(term instanceof RexCall call)) {
            return false;
        }
        switch (call.getKind()) {
            case AND:
            case OR:
            case NOT:
                return call.getOperands().stream().allMatch(SparkWhereFacts::readerTakes);
            case IS_NULL:
            case IS_NOT_NULL:
                return call.getOperands().get(0) instanceof RexInputRef;
            default:
                if (!SqlKind.BINARY_COMPARISON.contains(call.getKind()) && call.getKind() != SqlKind.SEARCH) {
                    return false;
                }
                RexNode l = call.getOperands().get(0);
                RexNode r = call.getOperands().get(1);
                return l instanceof RexInputRef && constant(r) || r instanceof RexInputRef && constant(l);
        }
    }

    private static boolean constant(RexNode node) {
        return RexUtil.isConstant(node) && !SparkEvaluationOrder.canFail(node);
    }

    /** Spark's NullIntolerant: NULL for a NULL operand (comparisons, arithmetic, casts, NOT, its strict functions). */
    private static boolean nullIntolerant(RexNode node) {
        if (!(node instanceof RexCall call)) {
            return false;
        }
        if (SqlKind.BINARY_COMPARISON.contains(call.getKind())) {
            return true;
        }
        switch (call.getKind()) {
            case PLUS:
            case MINUS:
            case TIMES:
            case DIVIDE:
            case MOD:
            case MINUS_PREFIX:
            case CAST:
            case NOT:
                return true;
            default:
                return SparkArgumentOrder.of(call) != null;
        }
    }

    private static void columnsThroughNullIntolerant(RexNode node, Set<Integer> out) {
        if (node instanceof RexInputRef ref) {
            out.add(ref.getIndex());
        } else if (nullIntolerant(node)) {
            for (RexNode o : ((RexCall) node).getOperands()) {
                columnsThroughNullIntolerant(o, out);
            }
        }
    }

    /** {@code l.k = r.k}: a join's key, which Calcite needs to see (a hash join) and which makes no constant. */
    private static boolean columnEquality(RexCall call) {
        return call.getKind() == SqlKind.EQUALS
                && call.getOperands().stream().allMatch(o -> RexUtil.removeCast(o) instanceof RexInputRef);
    }

    private static boolean computesWhatMayFail(RelNode plan) {
        boolean[] found = {false};
        plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                if (!found[0]) {
                    other.accept(new RexShuttle() {
                        @Override
                        public RexNode visitCall(RexCall call) {
                            found[0] |= SparkEvaluationOrder.canFail(call);
                            return call;
                        }
                    });
                }
                return found[0] ? other : super.visit(other);
            }
        });
        return found[0];
    }
}
