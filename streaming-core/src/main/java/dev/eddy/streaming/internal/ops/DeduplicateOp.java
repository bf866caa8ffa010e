package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Deduplicate;
import dev.eddy.streaming.internal.state.GroupTable;

import java.util.List;
import java.util.Set;

/**
 * dropDuplicates: passes the first row of every key and remembers the key. Without a watermark the keys
 * are kept forever; when a key column carries the watermark, rows with that time <= watermark are dropped
 * as late (counted) and keys with time <= watermark are evicted after each batch.
 */
public final class DeduplicateOp implements StatefulOperator {
    private final Operator child;
    private final Deduplicate node;
    private final int[] keyIdx;
    private final DataType[] keyTypes;
    private final GroupTable table;
    private final int timeKey;
    private final LateRows late = new LateRows(100);
    private long lastWatermark = BatchContext.NO_WATERMARK;
    /** The last batch's state delta: its new keys are groups firstNew.., its evicted keys removedKeys (or none). */
    private int firstNew;
    private Batch removedKeys;
    private long version = -1;
    private StateMetrics metrics = new StateMetrics("dedupe", 0, 0, 0, 0, 0);

    public DeduplicateOp(Operator child, Deduplicate node, Set<String> watermarked) {
        this.child = child;
        this.node = node;
        List<String> keys = node.keyColumns();
        Schema in = child.schema();
        keyIdx = new int[keys.size()];
        keyTypes = new DataType[keys.size()];
        int tk = -1;
        for (int i = 0; i < keyIdx.length; i++) {
            keyIdx[i] = in.require(keys.get(i));
            keyTypes[i] = in.field(keyIdx[i]).type();
            if (keyTypes[i] == DataType.STRUCT) {
                throw new IllegalArgumentException("cannot deduplicate on struct column " + keys.get(i));
            }
            if (tk < 0 && watermarked.contains(keys.get(i))) {
                tk = i;
            }
        }
        timeKey = tk;
        table = new GroupTable(keyTypes);
    }

    @Override
    public Schema schema() {
        return child.schema();
    }

    @Override
    public List<Operator> children() {
        return List.of(child);
    }

    @Override
    public Batch execute(BatchContext ctx) {
        Batch in = child.execute(ctx);
        lastWatermark = ctx.watermark();
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
        long dropped = 0;
        boolean wm = timeKey >= 0 && ctx.hasWatermark();
        if (wm) {
            dropped = dropLate(in, k, ctx);
        }
        int before = table.size();
        int[] groups = new int[k.n];
        table.findOrInsert(k.longs, k.objs, k.nulls, k.n, groups);
        int[] firstRows = new int[k.n];
        int m = 0;
        int next = before;
        for (int i = 0; i < k.n; i++) {
            if (groups[i] == next) {
                firstRows[m++] = k.rows == null ? i : k.rows[i];
                next++;
            }
        }
        removedKeys = null;
        firstNew = before;
        int removed = wm ? evict(ctx.watermark()) : 0;
        if (m > 0 || removed > 0) {
            version = ctx.batchId();
        }
        metrics = new StateMetrics("dedupe", table.size(), m, removed, dropped, table.memoryBytes());
        return m == in.numRows() ? in : in.gather(firstRows, m);
    }

    private long dropLate(Batch in, Keys k, BatchContext ctx) {
        long[] t = k.longs[timeKey];
        int[] keep = new int[k.n];
        int m = 0;
        for (int i = 0; i < k.n; i++) {
            if (t[i] <= ctx.watermark()) {
                late.add(new LateRows.Dropped(ctx.batchId(), in.row(i).copy(), t[i], ctx.watermark()));
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

    private int evict(long wm) {
        long[] t = table.longKeys(timeKey);
        int size = table.size();
        int[] keep = new int[size];
        int m = 0;
        for (int g = 0; g < size; g++) {
            if (t[g] > wm) {
                keep[m++] = g;
            }
        }
        if (m < size) {
            int[] gone = new int[size - m];
            int j = 0;
            int keptOld = 0;
            for (int g = 0; g < size; g++) {
                if (t[g] > wm) {
                    keptOld += g < firstNew ? 1 : 0;
                } else {
                    gone[j++] = g;
                }
            }
            removedKeys = keyRows(gone, j);
            firstNew = keptOld;
            table.retain(keep, m);
        }
        return size - m;
    }

    @Override
    public StateMetrics metrics() {
        return metrics;
    }

    @Override
    public Batch stateRows() {
        return keyRows(RawState.all(table.size()), table.size());
    }

    private Batch keyRows(int[] groups, int n) {
        List<String> names = node.keyColumns();
        var fields = new java.util.ArrayList<dev.eddy.streaming.api.data.Field>();
        for (int i = 0; i < keyIdx.length; i++) {
            fields.add(child.schema().field(names.get(i)));
        }
        return Batch.of(Schema.of(fields), RawState.tableKeys(table, keyTypes, groups, n));
    }

    @Override
    public boolean canSaveState() {
        return true;
    }

    /** Raw state: the remembered keys (all columns are the key). */
    @Override
    public Batch saveState() {
        return stateRows();
    }

    /** The keys the last batch added (they follow the older keys) and the keys it evicted. */
    @Override
    public StateDelta stateDelta() {
        int n = table.size() - firstNew;
        int[] fresh = new int[n];
        for (int i = 0; i < n; i++) {
            fresh[i] = firstNew + i;
        }
        return new StateDelta(keyIdx.length, keyRows(fresh, n), removedKeys != null ? removedKeys
                : keyRows(new int[0], 0), this::saveState);
    }

    @Override
    public void restoreState(Batch raw) {
        Keys k = RawState.keys(raw, keyTypes);
        table.findOrInsert(k.longs, k.objs, k.nulls, k.n, new int[k.n]);
        firstNew = table.size();
    }

    @Override
    public boolean wantsNoDataBatch(long newWatermark) {
        return timeKey >= 0 && newWatermark != BatchContext.NO_WATERMARK && newWatermark > lastWatermark;
    }

    @Override
    public LateRows lateRows() {
        return late;
    }

    @Override
    public long stateVersion() {
        return version;
    }

    @Override
    public String describe() {
        return node.describe() + (timeKey >= 0 ? " (watermark evicts state)" : "");
    }
}
