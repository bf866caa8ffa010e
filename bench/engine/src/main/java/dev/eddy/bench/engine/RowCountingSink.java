package dev.eddy.bench.engine;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmarks' sinks: they count rows into a counter, so a figure measures the query and not the output; a
 * subclass may also look at each batch ({@link #inspect}), e.g. for a checksum.
 */
public abstract class RowCountingSink implements SinkProvider {
    private final String format;
    private final AtomicLong rows;

    protected RowCountingSink(String format, AtomicLong rows) {
        this.format = format;
        this.rows = rows;
    }

    @Override
    public String formatName() {
        return format;
    }

    /** Called with every batch after its rows are counted; does nothing by default. */
    protected void inspect(Batch batch) {}

    @Override
    public Sink createSink(SinkContext context) {
        return new Sink() {
            @Override
            public void addBatch(long batchId, Batch batch, OutputMode mode) {
                rows.addAndGet(batch.numRows());
                inspect(batch);
            }

            @Override
            public String description() {
                return RowCountingSink.this.getClass().getSimpleName();
            }
        };
    }
}
