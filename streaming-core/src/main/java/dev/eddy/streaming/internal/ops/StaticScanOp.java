package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import java.util.List;
import java.util.function.Supplier;

/**
 * A static table: the same batch every time, or, with a refresh supplier (a table re-read per batch), its current
 * rows at each batch; the same instance while they are unchanged, so the stream-static join keeps its index.
 */
public final class StaticScanOp extends AbstractOperator {
    private final String name;
    private final Supplier<Batch> refresh;
    private Batch data;

    public StaticScanOp(String name, Batch data) {
        this(name, data, null);
    }

    public StaticScanOp(String name, Batch data, Supplier<Batch> refresh) {
        super(data.schema());
        this.name = name;
        this.data = data;
        this.refresh = refresh;
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        if (refresh != null) {
            Batch now = refresh.get();
            if (!now.schema().equals(data.schema())) {
                throw new IllegalStateException(
                        "static table " + name + " changed its columns from " + data.schema() + " to " + now.schema());
            }
            data = now;
        }
        return data;
    }

    @Override
    public String describe() {
        return "StaticScan " + name + " (" + (refresh == null ? data.numRows() + " rows" : "re-read per batch") + ")";
    }
}
