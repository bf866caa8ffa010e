package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Deduplicate;
import dev.eddy.streaming.internal.state.ExpiryValues;
import dev.eddy.streaming.internal.state.GroupStore;
import dev.eddy.streaming.internal.state.GroupValues;
import dev.eddy.streaming.internal.state.KeyColumns;
import dev.eddy.streaming.internal.state.Keys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dropDuplicates: passes the first row of every key and remembers the key in its {@link GroupStore}. As Spark's
 * StreamingDeduplicateExec: when the input has an event-time column (a watermark), rows with that time <= the previous
 * batch's watermark are dropped as late (counted), whether or not the time is among the keys, and every move of the
 * watermark runs a no-data batch; keys are evicted (time <= this batch's watermark, {@link BatchContext}) only when the
 * event time is one of them, else they are kept forever.
 *
 * <p>dropDuplicatesWithinWatermark (Spark's StreamingDeduplicateWithinWatermarkExec, operator name
 * {@code dedupeWithinWatermark}): the same late-row rule, but each key holds the time it expires at, its first row's
 * event time plus the watermark's delay, and is evicted once this batch's watermark is at or past it.
 */
public final class DeduplicateOp extends AbstractOperator implements StatefulOperator {
    /** Spark's refusal (UnsupportedOperationChecker). */
    static final String WITHIN_WATERMARK_NEEDS_WATERMARK =
            "dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark: call"
                    + " withWatermark(eventTimeColumn, delay) before it";

    private final Deduplicate node;
    private final int[] keyIdx;
    private final DataType[] keyTypes;
    private final int timeKey;
    /** The input's event-time column, or -1. */
    private final int timeColumn;
    /** Within the watermark: each key's expiry time; else null. */
    private final ExpiryValues expiry;
    /** Within the watermark: the delay of the event time's watermark, in micros. */
    private final long delayMicros;

    private final GroupStore store;

    public DeduplicateOp(Operator child, Deduplicate node, Set<String> watermarked) {
        this(child, node, watermarked, false, 0);
    }

    /** dropDuplicatesWithinWatermark; {@code delays}: the delay (micros) of each watermarked column. */
    public static DeduplicateOp withinWatermark(
            Operator child, Deduplicate node, Set<String> watermarked, Map<String, Long> delays) {
        int tc = eventTimeColumn(child.schema(), watermarked);
        if (tc < 0) {
            throw new UnsupportedOperationException(WITHIN_WATERMARK_NEEDS_WATERMARK);
        }
        Long delay = delays.get(child.schema().field(tc).name());
        return new DeduplicateOp(child, node, watermarked, true, delay == null ? 0 : delay);
    }

    private DeduplicateOp(Operator child, Deduplicate node, Set<String> watermarked, boolean within, long delayMicros) {
        super(child.schema(), child);
        this.node = node;
        this.delayMicros = delayMicros;
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
        timeColumn = eventTimeColumn(in, watermarked);
        if (within) {
            timeKey = -1; // the expiry time bounds the state, not a key
            expiry = new ExpiryValues();
            store = new GroupStore("dedupeWithinWatermark", keyTypes, keyFields, new GroupValues[] {expiry}, -1, 0);
        } else {
            timeKey = tk;
            expiry = null;
            store = new GroupStore("dedupe", keyTypes, keyFields, new GroupValues[0], tk, 0);
        }
    }

    private static int eventTimeColumn(Schema in, Set<String> watermarked) {
        for (int i = 0; i < in.size(); i++) {
            if (watermarked.contains(in.field(i).name()) && in.field(i).type() == DataType.TIMESTAMP) {
                return i;
            }
        }
        return -1;
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
        int[] expired;
        if (expiry != null) {
            remember(in, fresh, firstRows, m);
            expired = ctx.hasWatermark() ? expiredBy(ctx.watermark()) : new int[0];
        } else {
            expired = timeKey >= 0 && ctx.hasWatermark() ? store.expired(ctx.watermark()) : new int[0];
        }
        store.evict(expired);
        store.endBatch(m, expired.length, dropped);
        return m == in.numRows() ? in : in.gather(firstRows, m);
    }

    /** Each new key expires at its first row's event time plus the delay (a null time counts as 0, as in Spark). */
    private void remember(Batch in, int[] fresh, int[] firstRows, int m) {
        Column time = in.column(timeColumn);
        long[] times = KeyColumns.longs(time, null, in.numRows());
        for (int i = 0; i < m; i++) {
            int r = firstRows[i];
            expiry.set(fresh[i], (time.isNull(r) ? 0 : times[r]) + delayMicros);
        }
    }

    /** The keys whose expiry time is at or before {@code watermark}, ascending. */
    private int[] expiredBy(long watermark) {
        int n = store.size();
        int[] out = new int[n];
        int j = 0;
        for (int g = 0; g < n; g++) {
            if (expiry.get(g) <= watermark) {
                out[j++] = g;
            }
        }
        return Arrays.copyOf(out, j);
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

    /** The remembered keys (also the raw state: the keys, then the expiry time within the watermark). */
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
        if (expiry != null) {
            return node.describe() + " (keys expire at event time + " + delayMicros / 1000 + " ms)";
        }
        return node.describe() + (timeKey >= 0 ? " (watermark evicts state)" : "");
    }
}
