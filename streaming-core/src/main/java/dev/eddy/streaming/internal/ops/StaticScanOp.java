package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;

import java.util.List;

/** A static table: the same batch every time. */
public final class StaticScanOp extends AbstractOperator {
    private final String name;
    private final Batch data;

    public StaticScanOp(String name, Batch data) {
        super(data.schema());
        this.name = name;
        this.data = data;
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        return data;
    }

    @Override
    public String describe() {
        return "StaticScan " + name + " (" + data.numRows() + " rows)";
    }
}
