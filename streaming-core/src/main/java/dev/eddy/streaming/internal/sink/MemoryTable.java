package dev.eddy.streaming.internal.sink;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A result table kept in memory: append mode appends, update mode upserts by key columns (appends when
 * the result has no key), complete mode replaces. Appended batches stay columnar; the row view is built
 * only when someone reads it. Written by one query thread, read from any thread as immutable snapshots.
 */
public final class MemoryTable {
    private final Schema schema;
    private final int[] keyIdx;
    private final LinkedHashMap<List<Object>, Row> byKey = new LinkedHashMap<>();
    private final List<Batch> batches = new ArrayList<>();
    private Batch snapshot;
    private long lastBatchId = -1;

    public MemoryTable(Schema schema, List<String> keyColumns) {
        this.schema = schema;
        this.keyIdx = keyColumns.stream().mapToInt(schema::require).toArray();
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
        if (mode == OutputMode.UPDATE && keyIdx.length > 0) {
            for (Row r : b) {
                byKey.put(key(r), r.copy());
            }
            snapshot = null;
            return;
        }
        if (mode == OutputMode.COMPLETE) {
            batches.clear();
        }
        if (b.numRows() > 0 || mode == OutputMode.COMPLETE) {
            batches.add(b);
            snapshot = null;
        }
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
    public synchronized Batch snapshot() {
        if (snapshot == null) {
            if (!byKey.isEmpty()) {
                BatchBuilder out = Batch.builder(schema, byKey.size());
                for (Row r : byKey.values()) {
                    out.addRow(r);
                }
                snapshot = out.build();
            } else {
                snapshot = batches.isEmpty() ? Batch.empty(schema) : Batch.concat(schema, batches);
                batches.clear();
                batches.add(snapshot);
            }
        }
        return snapshot;
    }

    public synchronized long lastBatchId() {
        return lastBatchId;
    }
}
