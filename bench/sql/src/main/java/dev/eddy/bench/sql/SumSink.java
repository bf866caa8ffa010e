package dev.eddy.bench.sql;

import dev.eddy.bench.engine.RowCountingSink;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Row;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink both sides write to (format {@code benchsum}): it counts rows, and when {@link #checksum} is on also adds
 * an order-independent checksum of the row values (by position, so column names do not matter). Timed runs keep
 * the checksum off, so a figure measures the query and not the output.
 */
final class SumSink extends RowCountingSink {
    static final AtomicLong ROWS = new AtomicLong();
    static final AtomicLong SUM = new AtomicLong();
    static volatile boolean checksum;

    SumSink() {
        super("benchsum", ROWS);
    }

    static void reset() {
        ROWS.set(0);
        SUM.set(0);
    }

    @Override
    protected void inspect(Batch batch) {
        if (!checksum) {
            return;
        }
        long s = 0;
        for (Row r : batch) {
            long h = 17;
            for (int i = 0; i < batch.numColumns(); i++) {
                h = h * 31 + Objects.hashCode(r.get(i));
            }
            s += h * 0x9E3779B97F4A7C15L;
        }
        SUM.addAndGet(s);
    }
}
