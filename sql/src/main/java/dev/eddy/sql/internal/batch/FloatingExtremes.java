package dev.eddy.sql.internal.batch;

import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;

/**
 * Spark orders NaN above every number, so {@code MAX} of DOUBLEs holding a NaN is NaN and {@code MIN} is NaN only when
 * every value is; Calcite's enumerable MIN and MAX compare with {@code <} and {@code >}, skip NaN and start from
 * {@code Double.MAX_VALUE}, so a MIN over NaN or +Infinity alone answers 1.7976931348623157E308. Calcite also writes
 * every plain aggregate beside a {@code COUNT(DISTINCT ...)} as a MIN over grouping sets (its
 * AggregateExpandDistinctAggregatesRule), which carried that answer into {@code SUM}, {@code AVG}, ... of a NaN or
 * an infinity. Before a batch plan runs, the distinct aggregates are expanded here, and then every MIN and MAX of a
 * DOUBLE, the user's and the expansion's alike, becomes {@link DoubleMin} / {@link DoubleMax} with Spark's order.
 */
final class FloatingExtremes extends RelShuttleImpl {
    private static final SqlUserDefinedAggFunction MIN = extreme("MIN", DoubleMin.class);
    private static final SqlUserDefinedAggFunction MAX = extreme("MAX", DoubleMax.class);

    private FloatingExtremes() {}

    static RelNode apply(RelNode plan) {
        HepPlanner expand = new HepPlanner(HepProgram.builder()
                .addRuleInstance(CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES)
                .build());
        expand.setRoot(plan);
        return expand.findBestExp().accept(new FloatingExtremes());
    }

    private static SqlUserDefinedAggFunction extreme(String name, Class<? extends DoubleMax> runtime) {
        return AggregateCalls.unary(
                name, ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE), SqlTypeName.DOUBLE, runtime);
    }

    @Override
    public RelNode visit(LogicalAggregate aggregate) {
        RelNode input = aggregate.getInput().accept(this);
        return AggregateCalls.rebuild(aggregate, input, c -> {
            SqlKind kind = c.getAggregation().getKind();
            boolean floating = (kind == SqlKind.MIN || kind == SqlKind.MAX)
                    && c.getArgList().size() == 1
                    && isDouble(AggregateCalls.firstArgumentType(input, c));
            return floating ? AggregateCalls.computedBy(c, kind == SqlKind.MIN ? MIN : MAX, false) : c;
        });
    }

    private static boolean isDouble(SqlTypeName t) {
        return t == SqlTypeName.DOUBLE || t == SqlTypeName.FLOAT;
    }

    /** MAX of DOUBLE values in Spark's order: NaN above +Infinity, NULLs skipped, NULL when every value is NULL. */
    public static class DoubleMax {
        /** The extreme so far, or nothing before the first non-null value. */
        public static final class Acc {
            double value;
            boolean any;
        }

        public DoubleMax() {}

        public Acc init() {
            return new Acc();
        }

        public Acc add(Acc acc, Double value) {
            if (value != null && (!acc.any || replaces(value, acc.value))) {
                acc.value = value;
                acc.any = true;
            }
            return acc;
        }

        /** Whether {@code candidate} replaces {@code current} as the extreme. */
        protected boolean replaces(double candidate, double current) {
            return compare(candidate, current) > 0;
        }

        /** Spark's order of doubles: NaN is equal to NaN and above every other value; -0.0 equals 0.0. */
        static int compare(double a, double b) {
            return a == b ? 0 : Double.compare(a, b);
        }

        public Acc merge(Acc a, Acc b) {
            return b.any ? add(a, b.value) : a;
        }

        public Double result(Acc acc) {
            return acc.any ? acc.value : null;
        }
    }

    /** MIN of DOUBLE values in Spark's order: NaN only when every non-null value is NaN. */
    public static final class DoubleMin extends DoubleMax {
        public DoubleMin() {}

        @Override
        protected boolean replaces(double candidate, double current) {
            return compare(candidate, current) < 0;
        }
    }
}
