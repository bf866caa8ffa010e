package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Deduplicate;
import dev.eddy.streaming.internal.state.GroupStore;
import dev.eddy.streaming.internal.state.GroupValues;
import dev.eddy.streaming.internal.state.KeyColumns;
import dev.eddy.streaming.internal.state.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * dropDuplicates: passes the first row of every key and remembers the key in its {@link GroupStore}. As Spark's
 * StreamingDeduplicateExec: when the input has an event-time column (a watermark), rows with that time <= the previous
 * batch's watermark are dropped as late (counted), whether or not the time is among the keys, and every move of the
 * watermark runs a no-data batch; keys are evicted (time <= this batch's watermark, {@link BatchContext}) only when the
 * event time is one of them, else they are kept forever.
 */
public final class DeduplicateOp extends AbstractOperator implements StatefulOperator {
    private final Deduplicate node;
    private final int[] keyIdx;
    private final DataType[] keyTypes;
    private final int timeKey;
    /** The input's event-time column, or -1. */
    private final int timeColumn;

    private final GroupStore store;

    public DeduplicateOp(Operator child, Deduplicate node, Set<String> watermarked) {
        super(child.schema(), child);
        this.node = node;
        List<String> keys = node.keyColumns();
        Schema in = child.schema();
        keyIdx = new int[keys.size()];
        keyTypes = new DataType[keys.size()];
        List<Field> keyFields = new ArrayList<>();
        int tk = -1;
        for (int i = 0; i < keyIdx.length; i++) {
            keyIdx[i] = in.require(keys.get(i));
            keyTypes[i] = in.field(keyIdx[i]).type();
            keyFields.add(in.field(keyIdx[i]));
            if (keyTypes[i] == DataType.STRUCT) {
                throw new IllegalArgumentException("cannot deduplicate on struct column " + keys.get(i));
            }
            if (tk < 0 && watermarked.contains(keys.get(i))) {
                tk = i;
            }
        }
        timeKey = tk;
        int tc = -1;
        for (int i = 0; i < in.size() && tc < 0; i++) {
            if (watermarked.contains(in.field(i).name()) && in.field(i).type() == DataType.TIMESTAMP) {
                tc = i;
            }
        }
        timeColumn = tc;
        store = new GroupStore("dedupe", keyTypes, keyFields, new GroupValues[0], tk, 0);
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        store.beginBatch(ctx.batchId(), ctx.watermark(), ctx.lateWatermark());
        Keys k = new Keys(keyIdx.length);
        k.n = in.numRows();
        for (int i = 0; i < keyIdx.length; i++) {
            Column c = in.column(keyIdx[i]);
            if (keyTypes[i] == DataType.STRING) {
                k.objs[i] = KeyColumns.objects(c, null, k.n);
            } else {
                k.longs[i] = KeyColumns.longs(c, null, k.n);
            }
            k.nulls[i] = KeyColumns.nulls(c, null, k.n);
        }
        boolean wm = timeKey >= 0 && ctx.hasWatermark();
        // late by the previous batch's watermark
        long dropped = timeColumn >= 0 && ctx.hasWatermark() ? dropLate(in, k, ctx.lateWatermark()) : 0;
        int before = store.size();
        int[] groups = store.findOrInsert(k);
        int[] firstRows = new int[k.n];
        int[] fresh = new int[k.n];
        int m = 0;
        for (int i = 0; i < k.n; i++) {
            if (groups[i] == before + m) {
                fresh[m] = groups[i];
                firstRows[m++] = k.rows == null ? i : k.rows[i];
            }
        }
        store.markUpdated(fresh, m);
        int[] expired = wm ? store.expired(ctx.watermark()) : new int[0];
        store.evict(expired);
        store.endBatch(m, expired.length, dropped);
        return m == in.numRows() ? in : in.gather(firstRows, m);
    }

    private long dropLate(Batch in, Keys k, long watermark) {
        Column time = in.column(timeColumn);
        long[] times = KeyColumns.longs(time, null, in.numRows());
        int[] keep = new int[k.n];
        int m = 0;
        for (int i = 0; i < k.n; i++) { // k.rows is still null: key i is row i
            long t = times[i];
            if (!time.isNull(i) && t <= watermark) { // a null time is never late
                store.dropLate(in.row(i), t);
            } else {
                keep[m++] = i;
            }
        }
        long dropped = k.n - m;
        if (dropped > 0) {
            k.retain(keep, m);
        }
        return dropped;
    }

    @Override
    public GroupStore store() {
        return store;
    }

    /** The remembered keys (also the raw state: all its columns are the key). */
    @Override
    public Batch stateRows() {
        return store.snapshot();
    }

    @Override
    public boolean wantsNoDataBatch(long newWatermark) {
        return timeColumn >= 0 && store.watermarkAdvances(newWatermark);
    }

    @Override
    public String describe() {
        return node.describe() + (timeKey >= 0 ? " (watermark evicts state)" : "");
    }
}
