package dev.eddy.sql.internal.batch;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * Spark's SUM over BIGINT fails on overflow (ANSI mode); Calcite's enumerable SUM wraps around silently. Before a
 * batch plan runs, every plain SUM of a BIGINT becomes {@link LongSum}, which adds with overflow checks.
 */
final class CheckedSums extends RelShuttleImpl {
  /** The text every overflow of a checked SUM starts with (Sql adds the expression and its position). */
  static final String OVERFLOW = "[ARITHMETIC_OVERFLOW] long overflow in sum";

  private static final SqlUserDefinedAggFunction SUM = new SqlUserDefinedAggFunction(
      new SqlIdentifier("SUM", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.BIGINT_FORCE_NULLABLE,
      InferTypes.FIRST_KNOWN, OperandTypes.operandMetadata(List.of(SqlTypeFamily.NUMERIC),
          f -> List.of(f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), true)), i -> "x", i -> false),
      AggregateFunctionImpl.create(LongSum.class), false, false, Optionality.FORBIDDEN);

  static RelNode apply(RelNode plan) {
    return plan.accept(new CheckedSums());
  }

  @Override public RelNode visit(LogicalAggregate aggregate) {
    RelNode input = aggregate.getInput().accept(this);
    List<AggregateCall> calls = new ArrayList<>();
    boolean changed = false;
    for (AggregateCall c : aggregate.getAggCallList()) {
      if (c.getAggregation().getKind() == SqlKind.SUM && !c.isDistinct() && c.getArgList().size() == 1
          && input.getRowType().getFieldList().get(c.getArgList().get(0)).getType().getSqlTypeName()
              == SqlTypeName.BIGINT) {
        calls.add(AggregateCall.create(SUM, false, c.isApproximate(), c.ignoreNulls(), c.rexList, c.getArgList(),
            c.filterArg, c.distinctKeys, c.collation, c.getType(), c.getName()));
        changed = true;
      } else {
        calls.add(c);
      }
    }
    if (!changed && input == aggregate.getInput()) {
      return aggregate;
    }
    return aggregate.copy(aggregate.getTraitSet(), input, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
  }

  /** SUM of BIGINT values with Spark's overflow error; NULL when every value is NULL. */
  public static final class LongSum {
    /** The running sum, or null before the first non-null value. */
    public static final class Acc {
      long sum;
      boolean any;
    }

    public LongSum() {
    }

    public Acc init() {
      return new Acc();
    }

    public Acc add(Acc acc, Long value) {
      if (value != null) {
        try {
          acc.sum = Math.addExact(acc.sum, value);
        } catch (ArithmeticException e) {
          throw new ArithmeticException(OVERFLOW + ". Use try_sum to tolerate overflow and return NULL instead.");
        }
        acc.any = true;
      }
      return acc;
    }

    public Acc merge(Acc a, Acc b) {
      if (b.any) {
        add(a, b.sum);
      }
      return a;
    }

    public Long result(Acc acc) {
      return acc.any ? acc.sum : null;
    }
  }
}
