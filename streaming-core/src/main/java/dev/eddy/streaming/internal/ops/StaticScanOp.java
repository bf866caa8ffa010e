package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;

import java.util.List;
import java.util.function.Supplier;

/** A static table: the same batch every time, or, with a refresh supplier, its current rows at each batch. */
public final class StaticScanOp implements Operator {
    private final String name;
    private final Supplier<Batch> refresh;
    private Batch data;

    public StaticScanOp(String name, Batch data) {
        this(name, data, null);
    }

    public StaticScanOp(String name, Batch data, Supplier<Batch> refresh) {
        this.name = name;
        this.data = data;
        this.refresh = refresh;
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
        if (refresh != null) {
            Batch now = refresh.get();
            if (!now.schema().equals(data.schema())) {
                throw new IllegalStateException("static table " + name + " changed its columns from " + data.schema()
                        + " to " + now.schema());
            }
            data = now;
        }
        return data;
    }

    /** Whether the rows are re-read before every batch. */
    public boolean refreshes() {
        return refresh != null;
    }

    /** The rows of the last batch (those of the plan before the first). */
    public Batch data() {
        return data;
    }

    @Override
    public String describe() {
        return "StaticScan " + name + " (" + (refresh == null ? data.numRows() + " rows" : "re-read per batch") + ")";
    }
}
