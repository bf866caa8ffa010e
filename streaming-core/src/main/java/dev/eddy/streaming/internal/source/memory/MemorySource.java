package dev.eddy.streaming.internal.source.memory;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.CounterSource;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Data added from a test or notebook. Offset = the number of chunks added so far; each
 * {@link #add(Batch)} call is one chunk. Chunks are kept for the stream's life (several queries may read
 * one stream from the start), so it is meant for tests and small demos. Thread-safe: a test thread adds
 * while the query thread reads.
 */
public final class MemorySource extends CounterSource {
    private final String id;
    private final Schema schema;
    private final List<Batch> chunks = new ArrayList<>();

    public MemorySource(String id, Schema schema) {
        super(schema);
        this.id = id;
        this.schema = schema;
    }

    public synchronized void add(Batch b) {
        if (!b.schema().equals(schema)) {
            throw new IllegalArgumentException("batch schema " + b.schema() + " differs from stream schema " + schema);
        }
        chunks.add(b);
    }

    public synchronized int chunkCount() {
        return chunks.size();
    }

    @Override
    protected synchronized long available(TriggerContext trigger) {
        return chunks.size();
    }

    @Override
    protected Batch read(long start, long end) {
        int from = (int) start;
        int to = (int) end;
        List<Batch> parts;
        synchronized (this) {
            parts = new ArrayList<>(chunks.subList(from, to));
        }
        if (parts.contains(null)) {
            throw new IllegalStateException(
                    description() + ": rows before offset " + to + " were already committed and released");
        }
        return parts.isEmpty() ? Batch.empty(schema) : Batch.concat(schema, parts);
    }

    @Override
    public String description() {
        return "MemoryStream[" + id + "]";
    }
}
