package dev.eddy.streaming.api;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.internal.source.memory.MemorySource;
import java.util.Map;
import java.util.UUID;

/**
 * A stream whose rows are added by hand (tests, small demos). Each {@code addData} call becomes one unit
 * of the stream's offset; a trigger reads everything added since the last one. Thread-safe.
 */
public final class MemoryStream {
    private final Eddy session;
    private final String id;
    private final MemorySource source;

    MemoryStream(Eddy session, Schema schema) {
        this(session, UUID.randomUUID().toString(), schema);
    }

    MemoryStream(Eddy session, String id, Schema schema) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a memory stream's id must not be blank");
        }
        this.session = session;
        this.id = id;
        this.source = new MemorySource(id, schema);
        session.ownMemoryStream(id, source);
    }

    /**
     * The id SQL reads this stream by: {@code CREATE STREAM s (...) WITH ('connector' = 'memory', 'id' = '<id>')}, the
     * same as {@code readStream().format("memory").option("id", id)}.
     */
    public String id() {
        return id;
    }

    public Schema schema() {
        return source.schema();
    }

    /** Adds rows given as boxed values in schema order (TIMESTAMP as Long micros or Instant). */
    public MemoryStream addData(Object[]... rows) {
        BatchBuilder b = Batch.builder(source.schema(), rows.length);
        for (Object[] r : rows) {
            b.addRow(r);
        }
        source.add(b.build());
        return this;
    }

    /** Adds a whole batch (its schema must equal the stream's). */
    public MemoryStream addBatch(Batch batch) {
        source.add(batch);
        return this;
    }

    /** The stream as a Dataset. */
    public Dataset toDF() {
        return new Dataset(session, new Scan("memory", Map.of("id", id), source.schema()));
    }
}
