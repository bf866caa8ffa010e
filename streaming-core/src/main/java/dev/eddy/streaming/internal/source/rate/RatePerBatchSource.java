package dev.eddy.streaming.internal.source.rate;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.spi.CounterSource;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.SupportsTriggerAvailableNow;
import dev.eddy.streaming.api.spi.TriggerContext;

/**
 * Format "rate-per-batch": exactly {@code rowsPerBatch} rows per trigger, independent of time; batch k's
 * rows have timestamp {@code startTimestamp + k * advanceMillisPerBatch} (ms) and values
 * k*rowsPerBatch .. (k+1)*rowsPerBatch-1. Offset = batches generated so far. With {@code Trigger.availableNow()}
 * it makes exactly one batch, as Spark's rate-micro-batch source.
 */
public final class RatePerBatchSource extends CounterSource implements SupportsTriggerAvailableNow {
    private final long rowsPerBatch;
    private final long startTimestampMillis;
    private final long advanceMillis;
    private boolean availableNow;
    /** Available-now: the end of its one batch, fixed at the first trigger. */
    private Offset availableNowEnd;

    RatePerBatchSource(long rowsPerBatch, long startTimestampMillis, long advanceMillis) {
        super(RateSource.SCHEMA);
        if (rowsPerBatch <= 0) {
            throw new IllegalArgumentException("option 'rowsPerBatch' must be positive, got " + rowsPerBatch);
        }
        this.rowsPerBatch = rowsPerBatch;
        this.startTimestampMillis = startTimestampMillis;
        this.advanceMillis = advanceMillis;
    }

    /** An endless generator: the next batch is always there, one per trigger. */
    @Override
    protected long available(TriggerContext trigger) {
        return Long.MAX_VALUE;
    }

    @Override
    protected long maxPerTrigger() {
        return 1;
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        availableNow = true;
    }

    @Override
    public Offset latestOffset(Offset start, TriggerContext trigger) {
        if (!availableNow) {
            return super.latestOffset(start, trigger);
        }
        if (availableNowEnd == null) {
            availableNowEnd = super.latestOffset(start, trigger);
        }
        return availableNowEnd;
    }

    @Override
    protected Batch read(long from, long to) {
        int n = Math.toIntExact((to - from) * rowsPerBatch);
        long[] ts = new long[n];
        long[] vs = new long[n];
        int i = 0;
        for (long k = from; k < to; k++) {
            long t = (startTimestampMillis + k * advanceMillis) * 1000;
            for (long j = 0; j < rowsPerBatch; j++) {
                ts[i] = t;
                vs[i++] = k * rowsPerBatch + j;
            }
        }
        return Batch.of(RateSource.SCHEMA, new Column[] {
            new LongColumn(DataType.TIMESTAMP, ts, n, null), new LongColumn(DataType.LONG, vs, n, null)
        });
    }

    @Override
    public String description() {
        return "RatePerMicroBatchStream[rowsPerBatch=" + rowsPerBatch + "]";
    }
}
