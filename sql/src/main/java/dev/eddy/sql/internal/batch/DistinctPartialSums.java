package dev.eddy.sql.internal.batch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.Optionality;

/**
 * Spark plans an aggregation with one distinct argument ({@code SUM(x), COUNT(DISTINCT a) ... GROUP BY k}) in two
 * steps: it aggregates by {@code (k, a)} first and then adds up those partial results by {@code k}, in the order the
 * {@code (k, a)} groups first appeared (one partition: its hash maps give their groups back in insertion order). A
 * {@code SUM} or {@code AVG} of DOUBLEs beside the distinct aggregate is therefore a sum of partial sums, and where
 * they overflow the order matters: two partial sums at +Infinity and -Infinity add up to NaN, where the same values
 * added row by row may stay at -Infinity (seed 29 of the batch differential). Before a batch plan runs, each such
 * {@code SUM}/{@code AVG} here becomes {@link PartialSums} over the value and the distinct argument, which adds them
 * as Spark's plan does, and the {@code COUNT(DISTINCT a)} a {@link DistinctCount}: with no distinct call left Calcite
 * plans no grouping sets (its AggregateExpandDistinctAggregatesRule), so every call reads its group's rows in their
 * order in one pass.
 */
final class DistinctPartialSums extends RelShuttleImpl {
    private DistinctPartialSums() {}

    static RelNode apply(RelNode plan) {
        return plan.accept(new DistinctPartialSums());
    }

    @Override
    public RelNode visit(LogicalAggregate aggregate) {
        RelNode input = aggregate.getInput().accept(this);
        Integer key = distinctArgument(aggregate, input);
        if (key == null) {
            return input == aggregate.getInput() ? aggregate : aggregate.copy(aggregate.getTraitSet(), List.of(input));
        }
        // Calcite's generated code skips a row where an aggregate's argument is NULL, but Spark's plan keeps the rows
        // of a NULL distinct value (its own partial sum) and adds a NULL value's row to its group's order: the
        // arguments are handed over boxed (never NULL) by a projection below
        RexBuilder rb = aggregate.getCluster().getRexBuilder();
        List<RexNode> below = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int width = input.getRowType().getFieldCount();
        for (int i = 0; i < width; i++) {
            below.add(RexInputRef.of(i, input.getRowType()));
            names.add(input.getRowType().getFieldNames().get(i));
        }
        Map<Integer, Integer> boxed = new LinkedHashMap<>();
        IntFunction<Integer> box = field -> boxed.computeIfAbsent(field, f -> {
            below.add(rb.makeCall(BOX, RexInputRef.of(f, input.getRowType())));
            names.add("boxed_" + f);
            return below.size() - 1;
        });
        int boxedKey = box.apply(key);
        // no distinct call is left, so Calcite plans no grouping sets: each call sees its group's rows in their order
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall c : aggregate.getAggCallList()) {
            if (c.isDistinct()) {
                calls.add(call(c, "COUNT", DistinctCount.class, List.of(boxedKey)));
            } else if (partialSum(c, input)) {
                boolean sum = c.getAggregation().getKind() == SqlKind.SUM;
                calls.add(call(
                        c,
                        sum ? "SUM" : "AVG",
                        sum ? PartialSums.class : PartialAverage.class,
                        List.of(box.apply(c.getArgList().get(0)), boxedKey)));
            } else {
                calls.add(c);
            }
        }
        RelNode projected = LogicalProject.create(input, List.of(), below, names, Set.of());
        return aggregate.copy(
                aggregate.getTraitSet(), projected, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
    }

    /** A value boxed as {@link Boxed}, never NULL: what the aggregates here take. */
    private static final SqlUserDefinedFunction BOX = boxFunction();

    private static SqlUserDefinedFunction boxFunction() {
        try {
            return new SqlUserDefinedFunction(
                    new SqlIdentifier("SPARK_BOXED", SqlParserPos.ZERO),
                    SqlKind.OTHER_FUNCTION,
                    opBinding -> opBinding
                            .getTypeFactory()
                            .createTypeWithNullability(
                                    opBinding.getTypeFactory().createSqlType(SqlTypeName.ANY), false),
                    InferTypes.FIRST_KNOWN,
                    OperandTypes.operandMetadata(
                            List.of(SqlTypeFamily.ANY),
                            f -> List.of(f.createTypeWithNullability(f.createSqlType(SqlTypeName.ANY), true)),
                            i -> "v",
                            i -> false),
                    ScalarFunctionImpl.create(Boxing.class.getMethod("box", Object.class)));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value of a row as the aggregates here read it (NULL included), as Spark groups it ({@link #normal}). */
    public record Boxed(Object value) {}

    /** What Calcite's generated code calls (a public class: the generated code cannot reach this one's methods). */
    public static final class Boxing {
        private Boxing() {}

        /** Boxes {@code v}. */
        public static Object box(Object v) {
            return new Boxed(normal(v));
        }
    }

    /** A SUM or AVG of DOUBLEs (SparkAverages has cast an AVG's argument to DOUBLE; try_sum/try_avg are these). */
    private static boolean partialSum(AggregateCall c, RelNode input) {
        SqlKind kind = c.getAggregation().getKind();
        return !c.isDistinct()
                && (kind == SqlKind.SUM || kind == SqlKind.AVG)
                && c.getArgList().size() == 1
                && AggregateCalls.firstArgumentType(input, c) == SqlTypeName.DOUBLE;
    }

    /**
     * The field of the one distinct argument of {@code aggregate}'s calls when they are all {@code COUNT(DISTINCT a)}
     * of it beside a SUM or AVG of DOUBLEs; null for any other aggregate (left to Calcite's plan): no such SUM, other
     * distinct calls, a filter, or grouping sets.
     */
    private static Integer distinctArgument(LogicalAggregate aggregate, RelNode input) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            return null;
        }
        Integer key = null;
        boolean sums = false;
        for (AggregateCall c : aggregate.getAggCallList()) {
            if (c.filterArg >= 0) {
                return null;
            }
            sums |= partialSum(c, input);
            if (c.isDistinct()) {
                if (c.getAggregation().getKind() != SqlKind.COUNT
                        || c.getArgList().size() != 1
                        || key != null && !key.equals(c.getArgList().get(0))) {
                    return null;
                }
                key = c.getArgList().get(0);
            }
        }
        return sums ? key : null;
    }

    /** {@code c} computed by {@code runtime} over {@code args}, with {@code c}'s type and name. */
    private static AggregateCall call(AggregateCall c, String name, Class<?> runtime, List<Integer> args) {
        List<SqlTypeFamily> families =
                args.size() == 1 ? List.of(SqlTypeFamily.ANY) : List.of(SqlTypeFamily.NUMERIC, SqlTypeFamily.ANY);
        SqlUserDefinedAggFunction function = new SqlUserDefinedAggFunction(
                new SqlIdentifier(name, SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION,
                ReturnTypes.explicit(c.getType()),
                InferTypes.FIRST_KNOWN,
                OperandTypes.operandMetadata(
                        families,
                        f -> args.stream()
                                .map(a -> f.createSqlType(SqlTypeName.ANY))
                                .toList(),
                        i -> i == args.size() - 1 ? "distinct" : "x",
                        i -> false),
                AggregateFunctionImpl.create(runtime),
                false,
                false,
                Optionality.FORBIDDEN);
        return AggregateCall.create(
                function,
                false,
                false,
                false,
                List.of(),
                args,
                -1,
                null,
                RelCollations.EMPTY,
                c.getType(),
                c.getName());
    }

    /** A distinct value as Spark groups it: -0.0 as 0.0, a DECIMAL by its value (1.0 as 1.00). */
    static Object normal(Object v) {
        if (v instanceof Double d && d == 0.0) {
            return 0.0;
        }
        if (v instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        return v instanceof BigDecimal b ? b.stripTrailingZeros() : v;
    }

    /** COUNT(DISTINCT a): the distinct non-NULL values of its group. */
    public static final class DistinctCount {
        public DistinctCount() {}

        public Set<Object> init() {
            return new HashSet<>();
        }

        public Set<Object> add(Set<Object> seen, Object value) {
            Boxed v = (Boxed) value;
            if (v.value() != null) {
                seen.add(v.value());
            }
            return seen;
        }

        public Set<Object> merge(Set<Object> a, Set<Object> b) {
            a.addAll(b);
            return a;
        }

        public long result(Set<Object> seen) {
            return seen.size();
        }
    }

    /**
     * SUM of DOUBLEs as Spark's two-step plan adds them: a partial sum per distinct value, in row order, then the
     * partial sums in the order their values first appeared; NULLs skipped; NULL when every value is.
     */
    public static class PartialSums {
        /** Per distinct value (NULL included; -0.0 as 0.0, as Spark groups them): its sum and count so far. */
        public static final class Acc {
            final Map<Object, double[]> parts = new LinkedHashMap<>();
        }

        public PartialSums() {}

        public Acc init() {
            return new Acc();
        }

        public Acc add(Acc acc, Object value, Object distinct) {
            double[] part = acc.parts.computeIfAbsent(((Boxed) distinct).value(), k -> new double[2]);
            Object x = ((Boxed) value).value();
            if (x != null) {
                double d = ((Number) x).doubleValue();
                part[0] = part[1] == 0 ? 0.0 + d : part[0] + d;
                part[1]++;
            }
            return acc;
        }

        public Acc merge(Acc a, Acc b) {
            b.parts.forEach((k, v) -> {
                double[] part = a.parts.computeIfAbsent(k, x -> new double[2]);
                if (v[1] > 0) {
                    part[0] = part[1] == 0 ? v[0] : part[0] + v[0];
                    part[1] += v[1];
                }
            });
            return a;
        }

        /** The partial sums added in order, and how many values they hold. */
        static double[] total(Acc acc) {
            double sum = 0.0;
            double count = 0;
            for (double[] part : acc.parts.values()) {
                if (part[1] > 0) {
                    sum = count == 0 ? 0.0 + part[0] : sum + part[0];
                    count += part[1];
                }
            }
            return new double[] {sum, count};
        }

        public Double result(Acc acc) {
            double[] t = total(acc);
            return t[1] == 0 ? null : t[0];
        }
    }

    /** AVG of DOUBLEs as Spark's two-step plan computes it: the sum of {@link PartialSums} over the count. */
    public static final class PartialAverage extends PartialSums {
        public PartialAverage() {}

        @Override
        public Double result(Acc acc) {
            double[] t = total(acc);
            return t[1] == 0 ? null : t[0] / t[1];
        }
    }
}
