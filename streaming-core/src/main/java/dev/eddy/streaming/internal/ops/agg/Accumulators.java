package dev.eddy.streaming.internal.ops.agg;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.expr.Expr;

/** Picks the accumulator for an aggregate function and its input type. */
public final class Accumulators {
    private Accumulators() {}

    /** @param inputType the argument's type, or null for count(*) */
    public static Accumulator create(Expr.AggFn fn, DataType inputType) {
        if (inputType == null) {
            return new LongAccumulator(LongAccumulator.Kind.COUNT_ALL, DataType.LONG);
        }
        boolean dbl = inputType == DataType.DOUBLE;
        return switch (fn) {
            case COUNT -> new LongAccumulator(LongAccumulator.Kind.COUNT, DataType.LONG);
            case SUM ->
                dbl
                        ? new DoubleAccumulator(DoubleAccumulator.Kind.SUM)
                        : new LongAccumulator(
                                LongAccumulator.Kind.SUM, inputType.isInterval() ? inputType : DataType.LONG);
            case AVG -> new DoubleAccumulator(DoubleAccumulator.Kind.AVG);
            case MIN, MAX -> minMax(fn == Expr.AggFn.MAX, inputType);
            case APPROX_COUNT_DISTINCT -> new DistinctCountAccumulator();
        };
    }

    private static Accumulator minMax(boolean max, DataType t) {
        if (t == DataType.STRING) {
            return new ObjectAccumulator(max);
        }
        if (t == DataType.DOUBLE) {
            return new DoubleAccumulator(max ? DoubleAccumulator.Kind.MAX : DoubleAccumulator.Kind.MIN);
        }
        return new LongAccumulator(max ? LongAccumulator.Kind.MAX : LongAccumulator.Kind.MIN, t);
    }
}
