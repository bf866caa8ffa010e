package dev.eddy.sql.internal.spark;

import dev.eddy.streaming.api.data.IntervalFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.util.Optionality;

/**
 * Spark's SUM and AVG of intervals, batch and streaming alike. SparkRewrite writes every {@code SUM(x)} and {@code
 * AVG(x)} (not under OVER) with {@link #SUM} and {@link #AVG}, which take numbers as Calcite's do and also intervals
 * (Calcite's refuse them): {@code SUM} of an interval is the interval's type, {@code AVG} Spark's widest interval of
 * its kind (an INTERVAL DAY TO SECOND or YEAR TO MONTH). Once the query is a plan, {@link #restore} gives each
 * aggregate call back Calcite's SUM or AVG, and computes an AVG of an interval as Spark does: its SUM divided by its
 * COUNT, rounded HALF_UP (SparkIntervals' division), NULL over no values. A SUM of intervals that overflows fails
 * with [INTERVAL_ARITHMETIC_OVERFLOW] (batch: CheckedSums; streaming: the engine's sum).
 */
public final class SparkAggregates {
    private SparkAggregates() {}

    static final SqlAggFunction SUM = aggregate("SUM", SqlKind.SUM);
    static final SqlAggFunction AVG = aggregate("AVG", SqlKind.AVG);

    private static SqlAggFunction aggregate(String name, SqlKind kind) {
        SqlAggFunction standard = kind == SqlKind.SUM ? SqlStdOperatorTable.SUM : SqlStdOperatorTable.AVG;
        return new SqlAggFunction(
                name,
                null,
                kind,
                b -> type(b, standard),
                null,
                OperandTypes.or(OperandTypes.family(SqlTypeFamily.DATETIME_INTERVAL), standard.getOperandTypeChecker()),
                SqlFunctionCategory.NUMERIC,
                false,
                false,
                Optionality.FORBIDDEN) {
            @Override
            public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
                // without a look-up by name, which would put Calcite's SUM or AVG back
                SqlValidatorScope operands = scope.getOperandScope(call);
                for (SqlNode operand : call.getOperandList()) {
                    validator.deriveType(operands, operand);
                }
                return validateOperands(validator, scope, call);
            }
        };
    }

    private static RelDataType type(SqlOperatorBinding b, SqlAggFunction standard) {
        RelDataType x = b.getOperandType(0);
        IntervalFields fields = SparkIntervals.fields(x);
        if (fields == null || standard.getKind() == SqlKind.SUM) {
            // Calcite's, which types a SUM of an interval as the interval (Calcite's operand check refuses it)
            return standard.getReturnTypeInference().inferReturnType(b);
        }
        return SparkIntervals.type(
                b.getTypeFactory(),
                fields.isYearMonth() ? IntervalFields.YEAR_TO_MONTH : IntervalFields.DAY_TO_SECOND,
                true);
    }

    /** Whether {@code name} is one this class types (SparkRewrite). */
    static SqlAggFunction of(String name) {
        return name.equalsIgnoreCase("SUM") ? SUM : name.equalsIgnoreCase("AVG") ? AVG : null;
    }

    /** Calcite's own operator for one of this class's, for a call under OVER. */
    static SqlAggFunction standard(SqlAggFunction f) {
        return f == SUM ? SqlStdOperatorTable.SUM : f == AVG ? SqlStdOperatorTable.AVG : f;
    }

    /** The plan with Calcite's SUM and AVG back in every aggregate, an AVG of an interval as its SUM / COUNT. */
    public static RelNode restore(RelNode plan) {
        return plan.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(LogicalAggregate aggregate) {
                return SparkAggregates.visit((LogicalAggregate) super.visit(aggregate));
            }
        });
    }

    private static RelNode visit(LogicalAggregate aggregate) {
        boolean ours = false;
        boolean intervalAvg = false;
        for (AggregateCall c : aggregate.getAggCallList()) {
            ours |= c.getAggregation() == SUM || c.getAggregation() == AVG;
            intervalAvg |= c.getAggregation() == AVG && SqlTypeUtil.isInterval(c.getType());
        }
        if (!ours) {
            return aggregate;
        }
        RelNode input = aggregate.getInput();
        RexBuilder rb = aggregate.getCluster().getRexBuilder();
        List<AggregateCall> calls = new ArrayList<>();
        // for each original call: its index among the new calls, and (an interval AVG) its COUNT's index
        List<int[]> at = new ArrayList<>();
        for (AggregateCall c : aggregate.getAggCallList()) {
            if (c.getAggregation() == AVG && SqlTypeUtil.isInterval(c.getType())) {
                RelDataType argType = input.getRowType()
                        .getFieldList()
                        .get(c.getArgList().get(0))
                        .getType();
                // typed as Calcite's SUM types it (the Aggregate checks its calls' types against that)
                RelDataType sumType = rb.getTypeFactory().getTypeSystem().deriveSumType(rb.getTypeFactory(), argType);
                sumType = rb.getTypeFactory()
                        .createTypeWithNullability(
                                sumType, argType.isNullable() || aggregate.getGroupCount() == 0 || c.filterArg >= 0);
                calls.add(with(c, SqlStdOperatorTable.SUM, sumType, c.getName() == null ? null : c.getName() + "$sum"));
                RelDataType bigint = rb.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
                calls.add(with(c, SqlStdOperatorTable.COUNT, bigint, c.getName() == null ? null : c.getName() + "$n"));
                at.add(new int[] {calls.size() - 2, calls.size() - 1});
            } else {
                calls.add(with(c, standard(c.getAggregation()), c.getType(), c.getName()));
                at.add(new int[] {calls.size() - 1});
            }
        }
        LogicalAggregate rebuilt = aggregate.copy(
                aggregate.getTraitSet(), input, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
        if (!intervalAvg) {
            return rebuilt;
        }
        int groups = aggregate.getGroupCount();
        List<RexNode> exprs = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            exprs.add(rb.makeInputRef(rebuilt, i));
        }
        for (int i = 0; i < at.size(); i++) {
            int[] idx = at.get(i);
            if (idx.length == 1) {
                exprs.add(rb.makeInputRef(rebuilt, groups + idx[0]));
            } else {
                RelDataType type = aggregate.getAggCallList().get(i).getType();
                exprs.add(SparkIntervals.divide(
                        rb,
                        type,
                        rb.makeInputRef(rebuilt, groups + idx[0]),
                        rb.makeInputRef(rebuilt, groups + idx[1])));
            }
        }
        return LogicalProject.create(
                rebuilt, List.of(), exprs, aggregate.getRowType().getFieldNames(), Set.of());
    }

    private static AggregateCall with(AggregateCall c, SqlAggFunction f, RelDataType type, String name) {
        return AggregateCall.create(
                f,
                c.isDistinct(),
                c.isApproximate(),
                c.ignoreNulls(),
                c.rexList,
                c.getArgList(),
                c.filterArg,
                c.distinctKeys,
                c.collation,
                type,
                name);
    }
}
