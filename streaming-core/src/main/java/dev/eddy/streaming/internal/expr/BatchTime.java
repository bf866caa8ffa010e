package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The time {@code current_timestamp()}, {@code now()} and {@code current_date()} answer with while a micro-batch
 * runs: the batch's timestamp, as Spark's MicroBatchExecution puts it in place of those functions
 * (CurrentBatchTimestamp): the engine clock when the batch was planned, the same for every row and every operator
 * of the batch, and the logged one when a batch is run again after a restart. Set by the executor around a batch on
 * the query's thread; the manual clock makes it deterministic in tests.
 */
public final class BatchTime {
    private static final ThreadLocal<long[]> MILLIS = new ThreadLocal<>();

    /** The functions that read it. */
    static final String CURRENT_TIMESTAMP = "current_timestamp";

    static final String CURRENT_DATE = "current_date";

    private BatchTime() {}

    /** Runs {@code work} with {@code batchTimestampMillis} as the current time of its expressions. */
    public static <T> T during(long batchTimestampMillis, Supplier<T> work) {
        long[] outer = MILLIS.get();
        MILLIS.set(new long[] {batchTimestampMillis});
        try {
            return work.get();
        } finally {
            if (outer == null) {
                MILLIS.remove();
            } else {
                MILLIS.set(outer);
            }
        }
    }

    /** The time of the batch running on this thread (epoch milliseconds), empty outside a batch. */
    public static OptionalLong currentMillis() {
        long[] now = MILLIS.get();
        return now == null ? OptionalLong.empty() : OptionalLong.of(now[0]);
    }

    /** {@code current_timestamp()} (TIMESTAMP) or {@code current_date()} (DATE, the UTC day) for {@code n} rows. */
    static Column column(String fn, int n) {
        long[] now = MILLIS.get();
        if (now == null) {
            throw new IllegalStateException(fn + "() is the time of a micro-batch, and no batch is running");
        }
        return fn.equals(CURRENT_DATE)
                ? Vectors.constant(Math.toIntExact(Math.floorDiv(now[0], 86_400_000L)), DataType.DATE, n)
                : Vectors.constant(now[0] * 1000L, DataType.TIMESTAMP, n);
    }
}
