package dev.eddy.streaming.internal.sink;

import dev.eddy.streaming.api.ForeachBatchFunction;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.internal.table.Tables;

/** Hands every batch (also empty ones, as Spark does) to user code as a Tablesaw table. */
public final class ForeachBatchSink implements Sink {
    private final ForeachBatchFunction fn;

    public ForeachBatchSink(ForeachBatchFunction fn) {
        this.fn = fn;
    }

    @Override
    public void addBatch(long batchId, Batch batch, OutputMode mode) {
        fn.call(Tables.toTable("batch_" + batchId, batch), batchId);
    }

    @Override
    public String description() {
        return "ForeachBatchSink";
    }
}
