package dev.eddy.streaming.internal.sink;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Sink;

/** Writes into a {@link MemoryTable} that the session exposes by query name. */
public final class MemorySink implements Sink {
    private final String name;
    private final MemoryTable table;

    public MemorySink(String name, MemoryTable table) {
        this.name = name;
        this.table = table;
    }

    @Override
    public void addBatch(long batchId, Batch batch, OutputMode mode) {
        table.apply(batchId, batch, mode);
    }

    public MemoryTable table() {
        return table;
    }

    @Override
    public String description() {
        return "MemorySink[" + name + "]";
    }
}
