package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;

/** Hands on the batch its source produced for this micro-batch. */
public final class ScanOp extends AbstractOperator {
    private final int sourceIndex;
    private final String description;

    public ScanOp(int sourceIndex, Schema schema, String description) {
        super(schema);
        this.sourceIndex = sourceIndex;
        this.description = description;
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        return ctx.input(sourceIndex);
    }

    @Override
    public String describe() {
        return "Scan[" + sourceIndex + "] " + description;
    }
}
