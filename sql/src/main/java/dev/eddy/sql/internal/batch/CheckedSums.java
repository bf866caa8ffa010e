package dev.eddy.sql.internal.batch;

import dev.eddy.sql.internal.spark.SparkArithmeticOperators;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;

/**
 * Spark's SUM over BIGINT fails on overflow (ANSI mode); Calcite's enumerable SUM wraps around silently. Before a
 * batch plan runs, every plain SUM of a BIGINT becomes {@link LongSum}, which adds with overflow checks.
 */
final class CheckedSums extends RelShuttleImpl {
    /** The text every overflow of a checked SUM starts with (Sql adds the expression and its position). */
    static final String OVERFLOW = "[ARITHMETIC_OVERFLOW] long overflow in sum";

    private static final SqlUserDefinedAggFunction SUM = longSum("SUM", LongSum.class);
    private static final SqlUserDefinedAggFunction TRY_SUM = longSum("TRY_SUM", LongTrySum.class);
    private static final SqlUserDefinedAggFunction MICROS_SUM =
            AggregateCalls.unary("SUM", ReturnTypes.ARG0_NULLABLE_IF_EMPTY, SqlTypeName.BIGINT, IntervalSum.class);
    private static final SqlUserDefinedAggFunction MONTHS_SUM =
            AggregateCalls.unary("SUM", ReturnTypes.ARG0_NULLABLE_IF_EMPTY, SqlTypeName.INTEGER, MonthSum.class);

    /** Spark's overflow of a SUM of intervals. */
    static final String INTERVAL_OVERFLOW = "[INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION] Integer overflow while"
            + " operating with intervals: SUM of %s values. Use `try_add` to tolerate overflow and return NULL instead.";

    private static SqlUserDefinedAggFunction longSum(String name, Class<? extends LongSum> runtime) {
        return AggregateCalls.unary(name, ReturnTypes.BIGINT_FORCE_NULLABLE, SqlTypeName.BIGINT, runtime);
    }

    static RelNode apply(RelNode plan) {
        return plan.accept(new CheckedSums());
    }

    @Override
    public RelNode visit(LogicalAggregate aggregate) {
        RelNode input = aggregate.getInput().accept(this);
        return AggregateCalls.rebuild(aggregate, input, c -> {
            boolean trySum = c.getAggregation() == SparkArithmeticOperators.TRY_SUM;
            boolean longSum = (trySum || c.getAggregation().getKind() == SqlKind.SUM)
                    && !c.isDistinct()
                    && c.getArgList().size() == 1
                    && AggregateCalls.firstArgumentType(input, c) == SqlTypeName.BIGINT;
            if (c.getAggregation().getKind() == SqlKind.SUM
                    && !c.isDistinct()
                    && c.getArgList().size() == 1
                    && SqlTypeUtil.isInterval(c.getType())) {
                // Spark's SUM of intervals: the interval's type, [INTERVAL_ARITHMETIC_OVERFLOW] past its range
                return AggregateCalls.computedBy(
                        c,
                        SqlTypeName.YEAR_INTERVAL_TYPES.contains(c.getType().getSqlTypeName())
                                ? MONTHS_SUM
                                : MICROS_SUM,
                        false);
            }
            // try_sum of anything but BIGINT cannot overflow where Spark's would not: Calcite's SUM
            SqlAggFunction runtime = longSum ? (trySum ? TRY_SUM : SUM) : trySum ? SqlStdOperatorTable.SUM : null;
            return runtime == null ? c : AggregateCalls.computedBy(c, runtime, c.isDistinct());
        });
    }

    /** SUM of BIGINT values with Spark's overflow error; NULL when every value is NULL. */
    public static class LongSum {
        /** The running sum, or null before the first non-null value. */
        public static final class Acc {
            long sum;
            boolean any;
            boolean overflowed;
        }

        public LongSum() {}

        public Acc init() {
            return new Acc();
        }

        public Acc add(Acc acc, Long value) {
            if (value != null) {
                try {
                    acc.sum = Math.addExact(acc.sum, value);
                } catch (ArithmeticException e) {
                    if (tolerant()) {
                        acc.overflowed = true;
                        return acc;
                    }
                    throw new ArithmeticException(
                            OVERFLOW + ". Use try_sum to tolerate overflow and return NULL instead.");
                }
                acc.any = true;
            }
            return acc;
        }

        /** Whether an overflow gives NULL (try_sum) rather than an error. */
        protected boolean tolerant() {
            return false;
        }

        public Acc merge(Acc a, Acc b) {
            a.overflowed |= b.overflowed;
            if (b.any) {
                add(a, b.sum);
            }
            return a;
        }

        public Long result(Acc acc) {
            return acc.any && !acc.overflowed ? acc.sum : null;
        }
    }

    /** SUM of a day-time interval's microseconds, failing as Spark's on overflow; NULL when every value is NULL. */
    public static final class IntervalSum {
        public IntervalSum() {}

        public LongSum.Acc init() {
            return new LongSum.Acc();
        }

        public LongSum.Acc add(LongSum.Acc acc, Long value) {
            if (value != null) {
                try {
                    acc.sum = Math.addExact(acc.sum, value);
                } catch (ArithmeticException e) {
                    throw new ArithmeticException(String.format(INTERVAL_OVERFLOW, "interval day to second"));
                }
                acc.any = true;
            }
            return acc;
        }

        public LongSum.Acc merge(LongSum.Acc a, LongSum.Acc b) {
            return b.any ? add(a, b.sum) : a;
        }

        public Long result(LongSum.Acc acc) {
            return acc.any ? acc.sum : null;
        }
    }

    /** SUM of a year-month interval's months (an INT in Spark), failing as Spark's on overflow. */
    public static final class MonthSum {
        public MonthSum() {}

        public LongSum.Acc init() {
            return new LongSum.Acc();
        }

        public LongSum.Acc add(LongSum.Acc acc, Integer value) {
            if (value != null) {
                long r = acc.sum + value;
                if (r != (int) r) {
                    throw new ArithmeticException(String.format(INTERVAL_OVERFLOW, "interval year to month"));
                }
                acc.sum = r;
                acc.any = true;
            }
            return acc;
        }

        public LongSum.Acc merge(LongSum.Acc a, LongSum.Acc b) {
            return b.any ? add(a, (int) b.sum) : a;
        }

        public Integer result(LongSum.Acc acc) {
            return acc.any ? (int) acc.sum : null;
        }
    }

    /** Spark's try_sum of BIGINT values: as {@link LongSum}, but NULL once the sum overflows. */
    public static final class LongTrySum extends LongSum {
        public LongTrySum() {}

        @Override
        protected boolean tolerant() {
            return true;
        }
    }
}
