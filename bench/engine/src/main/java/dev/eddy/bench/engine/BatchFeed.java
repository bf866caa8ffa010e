package dev.eddy.bench.engine;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.CounterSource;
import dev.eddy.streaming.api.spi.LongOffset;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark source of pre-built batches, so a figure measures the engine, not input parsing. The offset is the
 * number of batches released; {@link #release(int)} makes more available, and one trigger takes at most one batch.
 * Either batches are {@link #add added} one by one, or a feed {@link #cycling cycles} through a fixed set forever,
 * shifting the event-time column by the set's time span on every lap so windows and watermarks keep advancing
 * (the shift copies one long column per batch; stateless figures use an unshifted cycle and copy nothing).
 */
final class BatchFeed implements SourceProvider {
    private final String name;
    private final Schema schema;
    private final List<Batch> batches = new ArrayList<>();
    private final Batch[] cycle;
    private final int timeColumn;
    private final long lapMicros;
    private volatile long released;

    BatchFeed(String name, Schema schema) {
        this(name, schema, null, -1, 0);
    }

    private BatchFeed(String name, Schema schema, Batch[] cycle, int timeColumn, long lapMicros) {
        this.name = name;
        this.schema = schema;
        this.cycle = cycle;
        this.timeColumn = timeColumn;
        this.lapMicros = lapMicros;
    }

    /** Cycles through {@code base}; with {@code timeColumn >= 0} each lap is later by {@code lapMicros}. */
    static BatchFeed cycling(String name, Batch[] base, int timeColumn, long lapMicros) {
        return new BatchFeed(name, base[0].schema(), base.clone(), timeColumn, lapMicros);
    }

    void add(Batch b) {
        synchronized (batches) {
            batches.add(b);
        }
    }

    synchronized void release(int n) {
        released = cycle != null ? released + n : Math.min(batches.size(), released + n);
    }

    long released() {
        return released;
    }

    private Batch batch(long i) {
        if (cycle == null) {
            synchronized (batches) {
                return batches.get((int) i);
            }
        }
        Batch b = cycle[(int) (i % cycle.length)];
        long lap = i / cycle.length;
        if (timeColumn < 0 || lap == 0) {
            return b;
        }
        LongColumn ts = (LongColumn) b.column(timeColumn);
        long[] shifted = new long[b.numRows()];
        long[] src = ts.values();
        long by = lap * lapMicros;
        for (int r = 0; r < shifted.length; r++) {
            shifted[r] = src[r] + by;
        }
        Column[] cols = new Column[b.numColumns()];
        for (int c = 0; c < cols.length; c++) {
            cols[c] =
                    c == timeColumn ? new LongColumn(ts.type(), shifted, shifted.length, ts.nullBitmap()) : b.column(c);
        }
        return Batch.of(schema, cols);
    }

    @Override
    public String formatName() {
        return name;
    }

    @Override
    public Source createSource(SourceContext context) {
        return new CounterSource(schema) {
            @Override
            protected long available(TriggerContext trigger) {
                return released;
            }

            @Override
            protected long maxPerTrigger() {
                return 1;
            }

            @Override
            protected Batch read(long from, long to) {
                if (to - from == 1) {
                    return batch(from);
                }
                List<Batch> parts = new ArrayList<>();
                for (long i = from; i < to; i++) {
                    parts.add(batch(i));
                }
                return Batch.concat(schema, parts);
            }

            @Override
            public void commit(Offset end) {
                if (cycle == null) {
                    synchronized (batches) { // let the garbage collector have what the engine is done with
                        for (int i = 0; i < ((LongOffset) end).value(); i++) {
                            batches.set(i, null);
                        }
                    }
                }
            }

            @Override
            public String description() {
                return "BatchFeed[" + name + "]";
            }
        };
    }
}
