package dev.eddy.sql.internal.window;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Spark's {@code window(ts, ...)} as a select item without GROUP BY: the struct {@code (start, end)} of the window
 * table function's {@code window_start} and {@code window_end}, so that {@code w.start} and {@code a.w = b.w} work as
 * in Spark. Made only by {@link SparkWindowRewriter}; the translator turns it into the engine's window column.
 */
public final class WindowStruct extends SqlFunction {
    public static final WindowStruct INSTANCE = new WindowStruct();

    /** For the validator, which looks the function up by its name. */
    public static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.of(INSTANCE));

    private WindowStruct() {
        super(
                "EDDY_WINDOW_STRUCT",
                SqlKind.OTHER_FUNCTION,
                // nullable fields, as Spark's: the struct of an outer join's null-padded side has null fields
                opBinding -> opBinding
                        .getTypeFactory()
                        .createStructType(
                                List.of(
                                        opBinding
                                                .getTypeFactory()
                                                .createTypeWithNullability(opBinding.getOperandType(0), true),
                                        opBinding
                                                .getTypeFactory()
                                                .createTypeWithNullability(opBinding.getOperandType(1), true)),
                                List.of("start", "end")),
                null,
                OperandTypes.ANY_ANY,
                SqlFunctionCategory.SYSTEM);
    }

    /** Each window struct built by Calcite's ROW constructor, of the same struct type. */
    private static RelNode asRows(RelNode plan) {
        RexBuilder rb = plan.getCluster().getRexBuilder();
        RexShuttle rows = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                RexCall visited = (RexCall) super.visitCall(call);
                return visited.getOperator() == INSTANCE
                        ? rb.makeCall(visited.getType(), SqlStdOperatorTable.ROW, visited.getOperands())
                        : visited;
            }
        };
        return plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                return super.visit(other).accept(rows);
            }
        });
    }

    /**
     * A batch plan (run by Calcite's own code) that Calcite can run with window structs in it: each built by Calcite's
     * ROW constructor, two structs compared field by field (a join on windows) and an aggregation grouped by a
     * struct ({@code GROUP BY w}) grouped by its fields instead, the struct rebuilt above (Calcite's code can neither
     * sort nor compare a struct; the groups are the same, a struct being equal where its fields are).
     */
    public static RelNode forCalcite(RelNode plan) {
        return groupByFields(asRows(plan));
    }

    private static RelNode groupByFields(RelNode plan) {
        RexBuilder rb = plan.getCluster().getRexBuilder();
        RexShuttle fieldwise = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                RexCall visited = (RexCall) super.visitCall(call);
                return visited.getKind() == SqlKind.EQUALS
                                && visited.getOperands().get(0).getType().isStruct()
                                && visited.getOperands().get(1).getType().isStruct()
                        ? equalFields(
                                rb,
                                visited.getOperands().get(0),
                                visited.getOperands().get(1))
                        : visited;
            }
        };
        return plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other).accept(fieldwise);
                return visited instanceof Aggregate a ? byFields(a) : visited;
            }
        });
    }

    /** {@code a = b} of two structs as the equality of each field (a join on windows: Calcite sorts its keys). */
    private static RexNode equalFields(RexBuilder rb, RexNode a, RexNode b) {
        List<RexNode> each = new ArrayList<>();
        for (int f = 0; f < a.getType().getFieldCount(); f++) {
            each.add(rb.makeCall(SqlStdOperatorTable.EQUALS, rb.makeFieldAccess(a, f), rb.makeFieldAccess(b, f)));
        }
        return RexUtil.composeConjunction(rb, each);
    }

    private static RelNode byFields(Aggregate a) {
        List<Integer> keys = a.getGroupSet().asList();
        RelNode in = a.getInput();
        List<RelDataTypeField> inFields = in.getRowType().getFieldList();
        if (a.getGroupSets().size() != 1
                || keys.stream().noneMatch(k -> inFields.get(k).getType().isStruct())) {
            return a;
        }
        RexBuilder rb = a.getCluster().getRexBuilder();
        RelBuilder b = RelFactories.LOGICAL_BUILDER.create(a.getCluster(), null);
        b.push(in);
        List<RexNode> projected = new ArrayList<>(b.fields());
        List<Integer> newKeys = new ArrayList<>();
        for (int k : keys) {
            RelDataType t = inFields.get(k).getType();
            if (!t.isStruct()) {
                newKeys.add(k);
                continue;
            }
            for (int f = 0; f < t.getFieldCount(); f++) {
                newKeys.add(projected.size());
                projected.add(rb.makeFieldAccess(b.field(k), f));
            }
        }
        b.project(projected);
        b.aggregate(b.groupKey(ImmutableBitSet.of(newKeys)), a.getAggCallList());
        // the new aggregation's columns: its keys in ascending input order, then the calls
        List<Integer> sorted = new ArrayList<>(newKeys);
        sorted.sort(null);
        List<RexNode> out = new ArrayList<>();
        int next = 0;
        for (int k : keys) {
            RelDataType t = inFields.get(k).getType();
            int width = t.isStruct() ? t.getFieldCount() : 1;
            List<RexNode> parts = new ArrayList<>();
            for (int f = 0; f < width; f++) {
                parts.add(b.field(sorted.indexOf(newKeys.get(next + f))));
            }
            next += width;
            out.add(t.isStruct() ? rb.makeCall(t, SqlStdOperatorTable.ROW, parts) : parts.get(0));
        }
        for (int c = 0; c < a.getAggCallList().size(); c++) {
            out.add(b.field(newKeys.size() + c));
        }
        b.project(out, a.getRowType().getFieldNames(), true);
        return b.build();
    }

    /** Whether {@code e} is a call of this function. */
    public static boolean is(RexNode e) {
        return e instanceof RexCall c && c.getOperator() == INSTANCE;
    }

    /** Whether a column's type is the window struct (start, end). */
    public static boolean isWindowType(RelDataType t) {
        return t.isStruct() && t.getFieldNames().equals(List.of("start", "end"));
    }
}
