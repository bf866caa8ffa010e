package dev.eddy.bench.engine;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;

import java.util.concurrent.atomic.AtomicLong;

/** A sink that only counts rows, so a figure measures the query and not the output. Format {@code benchcount}. */
final class CountingSink implements SinkProvider {
    static final AtomicLong ROWS = new AtomicLong();

    @Override
    public String formatName() {
        return "benchcount";
    }

    @Override
    public Sink createSink(SinkContext context) {
        return new Sink() {
            @Override
            public void addBatch(long batchId, Batch batch, OutputMode mode) {
                ROWS.addAndGet(batch.numRows());
            }

            @Override
            public String description() {
                return "CountingSink";
            }
        };
    }
}
