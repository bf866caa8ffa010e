package dev.eddy.streaming.internal.sink;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A result table kept in memory: append mode appends, update mode upserts by key columns, complete mode
 * replaces. Written by one query thread, read from any thread as immutable snapshots.
 */
public final class MemoryTable {
    private final Schema schema;
    private final int[] keyIdx;
    private final LinkedHashMap<List<Object>, Row> byKey = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private volatile Batch snapshot;
    private long lastBatchId = -1;

    public MemoryTable(Schema schema, List<String> keyColumns) {
        this.schema = schema;
        this.keyIdx = keyColumns.stream().mapToInt(schema::require).toArray();
        this.snapshot = Batch.empty(schema);
    }

    public Schema schema() {
        return schema;
    }

    /** Applies one batch; a batch id seen before is ignored (idempotent on replay). */
    public synchronized void apply(long batchId, Batch b, OutputMode mode) {
        if (batchId <= lastBatchId) {
            return;
        }
        lastBatchId = batchId;
        switch (mode) {
            case COMPLETE -> {
                rows.clear();
                rows.addAll(b.toRows());
            }
            case APPEND -> rows.addAll(b.toRows());
            case UPDATE -> {
                if (keyIdx.length == 0) {
                    rows.addAll(b.toRows());
                } else {
                    for (Row r : b.toRows()) {
                        byKey.put(key(r), r);
                    }
                    rows.clear();
                    rows.addAll(byKey.values());
                }
            }
        }
        BatchBuilder out = Batch.builder(schema, rows.size());
        for (Row r : rows) {
            out.addRow(r);
        }
        snapshot = out.build();
    }

    private List<Object> key(Row r) {
        List<Object> k = new ArrayList<>(keyIdx.length);
        for (int i : keyIdx) {
            Object v = r.get(i);
            k.add(v instanceof Row struct ? List.of(struct.values()) : v);
        }
        return k;
    }

    /** The current contents. */
    public Batch snapshot() {
        return snapshot;
    }

    public Map<String, Object> describe() {
        return Map.of("rows", snapshot.numRows(), "lastBatchId", lastBatchId);
    }
}
