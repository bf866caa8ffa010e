package dev.eddy.streaming.internal.source.memory;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.LongOffset;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.TriggerContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Data added from a test or notebook. Offset = the number of chunks added so far; each
 * {@link #add(Batch)} call is one chunk. Chunks are kept for the stream's life (several queries may read
 * one stream from the start), so it is meant for tests and small demos. Thread-safe: a test thread adds
 * while the query thread reads.
 */
public final class MemorySource implements Source {
    private final String id;
    private final Schema schema;
    private final List<Batch> chunks = new ArrayList<>();

    public MemorySource(String id, Schema schema) {
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
    public Schema schema() {
        return schema;
    }

    @Override
    public Offset initialOffset() {
        return LongOffset.ZERO;
    }

    @Override
    public synchronized Offset latestOffset(Offset start, TriggerContext trigger) {
        return new LongOffset(chunks.size());
    }

    @Override
    public Batch getBatch(Offset start, Offset end) {
        int from = (int) ((LongOffset) start).value();
        int to = (int) ((LongOffset) end).value();
        List<Batch> parts;
        synchronized (this) {
            parts = new ArrayList<>(chunks.subList(from, to));
        }
        if (parts.contains(null)) {
            throw new IllegalStateException(description() + ": rows before offset " + to + " were already committed and released");
        }
        return parts.isEmpty() ? Batch.empty(schema) : Batch.concat(schema, parts);
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Offset deserializeOffset(String json) {
        return LongOffset.parse(json);
    }

    @Override
    public String description() {
        return "MemoryStream[" + id + "]";
    }
}
