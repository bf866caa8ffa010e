package dev.eddy.streaming.internal.source.rate;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.LongOffset;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.TriggerContext;

/**
 * Format "rate-per-batch": exactly {@code rowsPerBatch} rows per trigger, independent of time; batch k's
 * rows have timestamp {@code startTimestamp + k * advanceMillisPerBatch} (ms) and values
 * k*rowsPerBatch .. (k+1)*rowsPerBatch-1. Offset = batches generated so far.
 */
public final class RatePerBatchSource implements Source {
    private final long rowsPerBatch;
    private final long startTimestampMillis;
    private final long advanceMillis;

    RatePerBatchSource(long rowsPerBatch, long startTimestampMillis, long advanceMillis) {
        if (rowsPerBatch <= 0) {
            throw new IllegalArgumentException("option 'rowsPerBatch' must be positive, got " + rowsPerBatch);
        }
        this.rowsPerBatch = rowsPerBatch;
        this.startTimestampMillis = startTimestampMillis;
        this.advanceMillis = advanceMillis;
    }

    @Override
    public Schema schema() {
        return RateSource.SCHEMA;
    }

    @Override
    public Offset initialOffset() {
        return LongOffset.ZERO;
    }

    @Override
    public Offset latestOffset(Offset start, TriggerContext trigger) {
        return new LongOffset(((LongOffset) start).value() + 1);
    }

    @Override
    public Batch getBatch(Offset start, Offset end) {
        long from = ((LongOffset) start).value();
        long to = ((LongOffset) end).value();
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
        return Batch.of(RateSource.SCHEMA, new Column[]{new LongColumn(DataType.TIMESTAMP, ts, n, null),
                new LongColumn(DataType.LONG, vs, n, null)});
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Offset deserializeOffset(String json) {
        return LongOffset.parse(json);
    }

    @Override
    public String description() {
        return "RatePerMicroBatchStream[rowsPerBatch=" + rowsPerBatch + "]";
    }
}
