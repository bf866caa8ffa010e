package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;

import java.util.List;

/** Hands on the batch its source produced for this micro-batch. */
public final class ScanOp implements Operator {
    private final int sourceIndex;
    private final Schema schema;
    private final String description;

    public ScanOp(int sourceIndex, Schema schema, String description) {
        this.sourceIndex = sourceIndex;
        this.schema = schema;
        this.description = description;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public List<Operator> children() {
        return List.of();
    }

    @Override
    public Batch execute(BatchContext ctx) {
        return ctx.input(sourceIndex);
    }

    @Override
    public String describe() {
        return "Scan[" + sourceIndex + "] " + description;
    }
}
