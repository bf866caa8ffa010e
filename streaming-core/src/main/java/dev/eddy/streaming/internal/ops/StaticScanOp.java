package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;

import java.util.List;

/** A static table: the same batch every time. */
public final class StaticScanOp implements Operator {
    private final String name;
    private final Batch data;

    public StaticScanOp(String name, Batch data) {
        this.name = name;
        this.data = data;
    }

    @Override
    public Schema schema() {
        return data.schema();
    }

    @Override
    public List<Operator> children() {
        return List.of();
    }

    @Override
    public Batch execute(BatchContext ctx) {
        return data;
    }

    public Batch data() {
        return data;
    }

    @Override
    public String describe() {
        return "StaticScan " + name + " (" + data.numRows() + " rows)";
    }
}
