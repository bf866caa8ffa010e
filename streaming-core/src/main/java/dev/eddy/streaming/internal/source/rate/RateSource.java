package dev.eddy.streaming.internal.source.rate;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.CounterSource;
import dev.eddy.streaming.api.spi.TriggerContext;

/**
 * Format "rate": {@code rowsPerSecond} rows per second of the engine clock since the source started,
 * columns {@code timestamp} and {@code value} (0, 1, 2, ...). Offset = rows generated so far; row i's
 * timestamp is start + i / rowsPerSecond seconds. Replayable: rows are a function of the offset. At most
 * {@code maxRowsPerBatch} (default 10 million) rows per batch; the rest follow in the next batches.
 */
public final class RateSource extends CounterSource {
    static final Schema SCHEMA = Schema.of(Field.of("timestamp", DataType.TIMESTAMP), Field.of("value", DataType.LONG));
    private final long rowsPerSecond;
    private final int numPartitions;
    private final Clock clock;
    private final long startMillis;
    private final long maxRowsPerBatch;

    RateSource(long rowsPerSecond, int numPartitions, Clock clock) {
        this(rowsPerSecond, numPartitions, clock, 10_000_000L);
    }

    /** @param maxRowsPerBatch caps one batch, so a long pause (a notebook left alone) cannot exhaust memory */
    RateSource(long rowsPerSecond, int numPartitions, Clock clock, long maxRowsPerBatch) {
        super(SCHEMA);
        if (rowsPerSecond <= 0) {
            throw new IllegalArgumentException("option 'rowsPerSecond' must be positive, got " + rowsPerSecond);
        }
        this.rowsPerSecond = rowsPerSecond;
        this.numPartitions = numPartitions;
        this.clock = clock;
        this.startMillis = clock.millis();
        if (maxRowsPerBatch <= 0) {
            throw new IllegalArgumentException("option 'maxRowsPerBatch' must be positive, got " + maxRowsPerBatch);
        }
        this.maxRowsPerBatch = maxRowsPerBatch;
    }

    /** The rows due by the trigger's time (Spark's rate source has no per-trigger limit to ignore). */
    @Override
    protected long available(TriggerContext trigger) {
        long elapsed = Math.max(0, trigger.nowMillis() - startMillis);
        return Math.multiplyExact(elapsed, rowsPerSecond) / 1000;
    }

    @Override
    protected long maxPerTrigger() {
        return maxRowsPerBatch;
    }

    @Override
    protected Batch read(long from, long to) {
        int n = Math.toIntExact(to - from);
        long[] ts = new long[n];
        long[] vs = new long[n];
        for (int i = 0; i < n; i++) {
            long v = from + i;
            vs[i] = v;
            ts[i] = startMillis * 1000 + v * 1_000_000L / rowsPerSecond;
        }
        return Batch.of(SCHEMA, new Column[] {
            new LongColumn(DataType.TIMESTAMP, ts, n, null), new LongColumn(DataType.LONG, vs, n, null)
        });
    }

    @Override
    public String description() {
        return "RateStream[rowsPerSecond=" + rowsPerSecond + ", numPartitions=" + numPartitions + "]";
    }

    long startMillis() {
        return startMillis;
    }

    Clock clock() {
        return clock;
    }
}
