package dev.eddy.sql.internal.batch;

import dev.eddy.sql.internal.spark.SparkArithmeticOperators;
import dev.eddy.sql.internal.spark.SparkCastOperators;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Spark's AVG in a batch plan, before Calcite's enumerable engine runs it (Calcite sums in the argument's type and
 * cuts a DECIMAL quotient):
 *
 * <ul>
 *   <li>AVG of an integral or floating value sums the values as DOUBLEs (a BIGINT sum cannot wrap around): the
 *       argument is cast to DOUBLE below the aggregate;
 *   <li>AVG of a DECIMAL(p, s) is the DECIMAL sum (Spark's DECIMAL(p + 10, s)) divided by the count as Spark's
 *       decimal division types it, then cast to DECIMAL(p + 4, s + 4), each step rounded HALF_UP.
 * </ul>
 */
final class SparkAverages extends RelShuttleImpl {
    static RelNode apply(RelNode plan) {
        return plan.accept(new SparkAverages());
    }

    @Override
    public RelNode visit(LogicalAggregate aggregate) {
        RelNode input = aggregate.getInput().accept(this);
        boolean any = false;
        for (AggregateCall c : aggregate.getAggCallList()) {
            any |= isAvg(c);
        }
        if (!any) {
            return input == aggregate.getInput() ? aggregate : aggregate.copy(aggregate.getTraitSet(), List.of(input));
        }
        RexBuilder rb = aggregate.getCluster().getRexBuilder();
        RelDataTypeFactory f = rb.getTypeFactory();
        RelDataType dbl = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), true);

        // below: the input's fields, then each non-DECIMAL average's argument as a DOUBLE
        List<RexNode> below = new ArrayList<>();
        List<String> belowNames = new ArrayList<>();
        int width = input.getRowType().getFieldCount();
        for (int i = 0; i < width; i++) {
            below.add(RexInputRef.of(i, input.getRowType()));
            belowNames.add(input.getRowType().getFieldNames().get(i));
        }
        int groups = aggregate.getGroupCount();
        List<AggregateCall> calls = new ArrayList<>();
        List<RexNode> above = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            above.add(
                    rb.makeInputRef(aggregate.getRowType().getFieldList().get(i).getType(), i));
        }
        for (AggregateCall c : aggregate.getAggCallList()) {
            if (!isAvg(c)) {
                above.add(rb.makeInputRef(c.getType(), groups + calls.size()));
                calls.add(c);
                continue;
            }
            int arg = c.getArgList().get(0);
            RelDataType argType = input.getRowType().getFieldList().get(arg).getType();
            if (argType.getSqlTypeName() != SqlTypeName.DECIMAL) {
                below.add(rb.makeCast(dbl, RexInputRef.of(arg, input.getRowType()), true, false));
                belowNames.add("$avg" + below.size());
                above.add(rb.makeInputRef(c.getType(), groups + calls.size()));
                calls.add(copy(c, SqlStdOperatorTable.AVG, below.size() - 1, c.getType()));
                continue;
            }
            RelDataType sumType = f.createTypeWithNullability(
                    f.createSqlType(SqlTypeName.DECIMAL, Math.min(38, argType.getPrecision() + 10), argType.getScale()),
                    true);
            RelDataType countType = f.createSqlType(SqlTypeName.BIGINT);
            int sumField = groups + calls.size();
            calls.add(copy(c, SqlStdOperatorTable.SUM, arg, sumType));
            int countField = groups + calls.size();
            calls.add(copy(c, SqlStdOperatorTable.COUNT, arg, countType));
            above.add(quotient(rb, c.getType(), sumType, sumField, countField));
        }
        RelNode newInput =
                below.size() == width ? input : LogicalProject.create(input, List.of(), below, belowNames, Set.of());
        RelNode agg = aggregate.copy(
                aggregate.getTraitSet(), newInput, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
        return LogicalProject.create(
                agg, List.of(), above, aggregate.getRowType().getFieldNames(), Set.of());
    }

    /**
     * Spark's {@code Average} of a DECIMAL: {@code sum / CAST(count AS DECIMAL(20, 0))} at the scale of Spark's
     * decimal division, cast to the result type (both HALF_UP); NULL for no values.
     */
    private static RexNode quotient(RexBuilder rb, RelDataType result, RelDataType sumType, int sum, int count) {
        RelDataTypeFactory f = rb.getTypeFactory();
        RelDataType integer = f.createSqlType(SqlTypeName.INTEGER);
        // Spark's DecimalPrecision for Divide(DECIMAL(p1, s1), DECIMAL(20, 0)), precision loss allowed
        int p1 = sumType.getPrecision();
        int s1 = sumType.getScale();
        int scale = Math.max(6, s1 + 20 + 1);
        int precision = p1 - s1 + scale;
        if (precision > 38) {
            int intDigits = precision - scale;
            scale = Math.max(38 - intDigits, Math.min(scale, 6));
            precision = 38;
        }
        RelDataType quotientType =
                f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, precision, scale), true);
        RelDataType countDecimal = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, 20, 0), true);
        RexNode countRef = rb.makeInputRef(f.createSqlType(SqlTypeName.BIGINT), count);
        RexNode q = rb.makeCall(
                quotientType,
                SparkArithmeticOperators.DECIMAL_DIVIDE,
                List.of(
                        rb.makeInputRef(sumType, sum),
                        rb.makeCast(countDecimal, countRef, true, false),
                        rb.makeExactLiteral(BigDecimal.valueOf(scale), integer)));
        RexNode cast = rb.makeCall(
                f.createTypeWithNullability(result, true),
                SparkCastOperators.DECIMAL_TO_DECIMAL,
                List.of(
                        q,
                        rb.makeExactLiteral(BigDecimal.valueOf(result.getPrecision()), integer),
                        rb.makeExactLiteral(BigDecimal.valueOf(result.getScale()), integer)));
        RexNode none = rb.makeCall(SqlStdOperatorTable.EQUALS, countRef, rb.makeZeroLiteral(countRef.getType()));
        return rb.makeCast(
                result, rb.makeCall(SqlStdOperatorTable.CASE, none, rb.makeNullLiteral(result), cast), false, false);
    }

    private static boolean isAvg(AggregateCall c) {
        return c.getAggregation().getKind() == SqlKind.AVG
                && c.getArgList().size() == 1
                && SqlTypeUtil.isNumeric(c.getType());
    }

    private static AggregateCall copy(AggregateCall c, SqlAggFunction fn, int arg, RelDataType type) {
        return AggregateCall.create(
                fn,
                c.isDistinct(),
                c.isApproximate(),
                c.ignoreNulls(),
                c.rexList,
                List.of(arg),
                c.filterArg,
                c.distinctKeys,
                c.collation,
                type,
                c.getName());
    }
}
