package dev.eddy.sql.internal.validate;

import dev.eddy.sql.internal.catalog.RelationTable;
import dev.eddy.sql.internal.window.WindowStruct;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * What Calcite accepts but an unbounded stream cannot do (Spark's rules): sorting or limiting a stream
 * that is not aggregated, and joining two streams without a time bound (state would grow forever).
 */
public final class StreamingRules {
    private StreamingRules() {}

    public static void check(PlannedQuery query) {
        if (!query.isStreaming()) {
            return;
        }
        check(query.rel(), query.validated());
    }

    private static void check(RelNode rel, SqlNode sql) {
        if (rel instanceof Sort sort && readsStream(sort.getInput()) && !aggregates(sort.getInput())) {
            boolean ordered = !sort.getCollation().getFieldCollations().isEmpty();
            String what = ordered ? "ORDER BY" : "LIMIT/OFFSET";
            throw ErrorMessages.at(
                    sortPosition(sql, ordered),
                    what + " is not supported on an unbounded stream" + " without aggregation",
                    "a stream never ends, so its rows cannot be sorted or counted off;"
                            + " aggregate first (GROUP BY, e.g. per window), or query the result's memory table");
        }
        if (rel instanceof Join join
                && readsStream(join.getLeft())
                && readsStream(join.getRight())
                && !timeBounded(join)) {
            throw ErrorMessages.at(
                    joinPosition(sql),
                    "A join of two streams needs a time bound",
                    "e.g. a.ts BETWEEN b.ts AND b.ts + INTERVAL '1' HOUR, or equal window_start of two windowed"
                            + " streams; without one its state would grow forever");
        }
        if (readsStream(rel)
                && (rel instanceof Window || rel instanceof Project p && RexOver.containsOver(p.getProjects(), null))) {
            throw ErrorMessages.at(
                    sql.getParserPosition(),
                    "OVER (...) window functions are not supported on an" + " unbounded stream",
                    "use GROUP BY with TUMBLE/HOP/SESSION or window(...) instead");
        }
        if ((rel instanceof Intersect || rel instanceof Minus) && readsStream(rel)) {
            throw ErrorMessages.at(
                    sql.getParserPosition(),
                    (rel instanceof Intersect ? "INTERSECT" : "EXCEPT")
                            + " is not supported on an unbounded stream; only UNION ALL is");
        }
        for (RelNode input : rel.getInputs()) {
            check(input, sql);
        }
    }

    static boolean readsStream(RelNode rel) {
        if (rel instanceof TableScan scan) {
            RelationTable t = scan.getTable().unwrap(RelationTable.class);
            return t != null && t.relation().isStream();
        }
        for (RelNode input : rel.getInputs()) {
            if (readsStream(input)) {
                return true;
            }
        }
        return false;
    }

    private static boolean aggregates(RelNode rel) {
        if (rel instanceof Aggregate) {
            return true;
        }
        return rel.getInputs().stream().anyMatch(StreamingRules::aggregates);
    }

    /**
     * True if the condition bounds the left time from both sides relative to the right time (e.g. BETWEEN
     * or two comparisons), or equates the window bounds of both sides: only then can the state of both
     * sides be dropped once the watermark passes.
     */
    private static boolean timeBounded(Join join) {
        int leftCount = join.getLeft().getRowType().getFieldCount();
        List<RelDataTypeField> fields = join.getRowType().getFieldList();
        boolean lower = false;
        boolean upper = false;
        for (RexNode c : RelOptUtil.conjunctions(LeftSemiJoins.withoutMark(join.getCondition()))) {
            if (!(c instanceof RexCall call) || call.getOperands().size() != 2) {
                continue;
            }
            RexNode a = call.getOperands().get(0);
            RexNode b = call.getOperands().get(1);
            switch (call.getKind()) {
                case GREATER_THAN:
                case GREATER_THAN_OR_EQUAL:
                case LESS_THAN:
                case LESS_THAN_OR_EQUAL:
                    if (crossesSides(a, b, leftCount) && touchesTime(a, fields) && touchesTime(b, fields)) {
                        boolean greater = call.getKind() == SqlKind.GREATER_THAN
                                || call.getKind() == SqlKind.GREATER_THAN_OR_EQUAL;
                        boolean leftFirst = side(RelOptUtil.InputFinder.bits(a), leftCount) < 0;
                        if (greater == leftFirst) {
                            lower = true;
                        } else {
                            upper = true;
                        }
                    }
                    break;
                case EQUALS:
                    if (a instanceof RexInputRef x
                            && b instanceof RexInputRef y
                            && (x.getIndex() < leftCount) != (y.getIndex() < leftCount)
                            && (isWindowBound(fields.get(x.getIndex())) && isWindowBound(fields.get(y.getIndex()))
                                    || WindowStruct.isWindowType(
                                                    fields.get(x.getIndex()).getType())
                                            && WindowStruct.isWindowType(
                                                    fields.get(y.getIndex()).getType()))) {
                        return true; // equal window bounds, or equal windows (window(ts, ...) AS w on both sides)
                    }
                    break;
                default:
                    break;
            }
        }
        return lower && upper;
    }

    private static boolean crossesSides(RexNode a, RexNode b, int leftCount) {
        int sideA = side(RelOptUtil.InputFinder.bits(a), leftCount);
        int sideB = side(RelOptUtil.InputFinder.bits(b), leftCount);
        return sideA != 0 && sideB != 0 && sideA != sideB;
    }

    /** -1 if every referenced field is on the left, 1 if all on the right, 0 if none or both. */
    private static int side(ImmutableBitSet bits, int leftCount) {
        if (bits.isEmpty()) {
            return 0;
        }
        boolean allLeft = bits.asList().stream().allMatch(i -> i < leftCount);
        boolean allRight = bits.asList().stream().allMatch(i -> i >= leftCount);
        return allLeft ? -1 : allRight ? 1 : 0;
    }

    private static boolean touchesTime(RexNode e, List<RelDataTypeField> fields) {
        for (int i : RelOptUtil.InputFinder.bits(e)) {
            if (fields.get(i).getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWindowBound(RelDataTypeField f) {
        String n = f.getName().toLowerCase(Locale.ROOT);
        return n.startsWith("window_start") || n.startsWith("window_end");
    }

    private static SqlParserPos sortPosition(SqlNode sql, boolean ordered) {
        List<SqlParserPos> found = new ArrayList<>();
        sql.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlOrderBy o) {
                    add(ordered && !o.orderList.isEmpty() ? o.orderList : o.fetch != null ? o.fetch : o.offset);
                } else if (call instanceof SqlSelect s) {
                    add(
                            ordered
                                            && s.getOrderList() != null
                                            && !s.getOrderList().isEmpty()
                                    ? s.getOrderList()
                                    : s.getFetch() != null ? s.getFetch() : s.getOffset());
                }
                return super.visit(call);
            }

            private void add(SqlNode n) {
                if (n != null) {
                    found.add(n.getParserPosition());
                }
            }
        });
        return found.isEmpty() ? sql.getParserPosition() : found.get(0);
    }

    private static SqlParserPos joinPosition(SqlNode sql) {
        List<SqlParserPos> found = new ArrayList<>();
        sql.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlJoin j) {
                    found.add(j.getJoinTypeNode().getParserPosition());
                }
                return super.visit(call);
            }
        });
        return found.isEmpty() ? sql.getParserPosition() : found.get(0);
    }
}
