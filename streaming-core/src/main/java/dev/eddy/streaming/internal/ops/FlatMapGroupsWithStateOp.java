package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.function.GroupStateFunction;
import dev.eddy.streaming.api.function.GroupStateTimeout;
import dev.eddy.streaming.api.function.StateCodec;
import dev.eddy.streaming.api.plan.FlatMapGroupsWithState;
import dev.eddy.streaming.internal.state.KeyedStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arbitrary keyed state (Spark's flatMapGroupsWithState): per batch, the user function runs once per key
 * with rows (in arrival order), then once per other key whose timeout expired: processing time when the
 * batch's clock time reaches it, event time when the watermark passes it. State values are the user's
 * Java objects, kept per key in a {@link KeyedStore} on the query thread (saved only with a {@link StateCodec}).
 * With an event-time timeout, input rows at or below the previous batch's watermark are dropped as late and counted,
 * as Spark does ({@link BatchContext}).
 */
public final class FlatMapGroupsWithStateOp extends AbstractOperator implements StatefulOperator {
    private final FlatMapGroupsWithState node;
    private final int[] keyIdx;
    private final Schema keySchema;
    private final Clock clock;
    private final KeyedStore<Entry> store;
    /** The event-time column late rows are found by (event-time timeout only), or -1. */
    private final int timeCol;

    private static final class Entry {
        final Row key;
        Object value;
        long timeoutAt = GroupStateImpl.NO_TIMEOUT;

        Entry(Row key) {
            this.key = key;
        }
    }

    public FlatMapGroupsWithStateOp(Operator child, FlatMapGroupsWithState node, Clock clock) {
        this(child, node, clock, Set.of());
    }

    /**
     * @param watermarkedColumns the input's event-time columns: with an event-time timeout, rows whose first such
     *                           column is at or below the previous batch's watermark are dropped as late (Spark's)
     */
    public FlatMapGroupsWithStateOp(
            Operator child, FlatMapGroupsWithState node, Clock clock, Set<String> watermarkedColumns) {
        super(node.schema(), child);
        this.node = node;
        this.clock = clock;
        int tc = -1;
        for (int i = 0; i < child.schema().size() && tc < 0; i++) {
            if (watermarkedColumns.contains(child.schema().field(i).name())) {
                tc = i;
            }
        }
        timeCol = node.timeout() == GroupStateTimeout.EVENT_TIME_TIMEOUT ? tc : -1;
        keyIdx = node.keyColumns().stream().mapToInt(child.schema()::require).toArray();
        List<Field> kf = new ArrayList<>();
        for (int i : keyIdx) {
            kf.add(child.schema().field(i));
        }
        keySchema = Schema.of(kf);
        store = new KeyedStore<>("flatMapGroupsWithState", node.codec() == null ? null : new Codec(), 64);
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        store.beginBatch(ctx.batchId(), ctx.watermark(), ctx.lateWatermark());
        Map<List<Object>, List<Row>> byKey = new LinkedHashMap<>();
        boolean dropLate = timeCol >= 0 && ctx.hasWatermark();
        long dropped = 0;
        for (Row r : in) {
            if (dropLate && !r.isNull(timeCol) && r.getLong(timeCol) <= ctx.lateWatermark()) {
                dropped++;
                store.dropLate(r, r.getLong(timeCol));
                continue;
            }
            List<Object> k = new ArrayList<>(keyIdx.length);
            for (int i : keyIdx) {
                k.add(r.get(i));
            }
            byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(r.copy());
        }
        BatchBuilder out = Batch.builder(node.schema());
        long wmMs = ctx.hasWatermark() ? Math.floorDiv(ctx.watermark(), 1000) : -1;
        int[] counts = new int[2];
        for (Map.Entry<List<Object>, List<Row>> e : byKey.entrySet()) {
            Entry st = store.get(e.getKey());
            if (st == null) {
                st = new Entry(Row.of(keySchema, e.getKey().toArray()));
            }
            call(st, e.getKey(), e.getValue().iterator(), false, ctx, wmMs, out, counts);
        }
        for (Map.Entry<List<Object>, Entry> e : new ArrayList<>(store.entries().entrySet())) {
            if (!byKey.containsKey(e.getKey()) && expired(e.getValue(), ctx.batchTimestampMillis(), wmMs)) {
                call(e.getValue(), e.getKey(), Collections.emptyIterator(), true, ctx, wmMs, out, counts);
            }
        }
        store.endBatch(counts[0], counts[1], dropped);
        return out.build();
    }

    private boolean expired(Entry e, long nowMs, long wmMs) {
        if (e.timeoutAt == GroupStateImpl.NO_TIMEOUT) {
            return false;
        }
        return switch (node.timeout()) {
            case PROCESSING_TIME_TIMEOUT -> e.timeoutAt <= nowMs;
            case EVENT_TIME_TIMEOUT -> wmMs >= 0 && e.timeoutAt <= wmMs;
            case NO_TIMEOUT -> false;
        };
    }

    /** Runs the user function for one key; counts the key as updated (state kept or changed) or removed. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void call(
            Entry st,
            List<Object> key,
            Iterator<Row> rows,
            boolean timedOut,
            BatchContext ctx,
            long wmMs,
            BatchBuilder out,
            int[] counts) {
        boolean existed = store.contains(key);
        GroupStateImpl state =
                new GroupStateImpl(st.value, existed, timedOut, node.timeout(), ctx.batchTimestampMillis(), wmMs);
        ((GroupStateFunction) node.function()).call(st.key, rows, state, out::addRow);
        if (state.removed || !state.exists) {
            store.remove(key);
            counts[1] += existed ? 1 : 0;
            return;
        }
        st.value = state.value;
        st.timeoutAt = state.timeoutAt;
        store.put(key, st);
        counts[0]++;
    }

    @Override
    public KeyedStore<?> store() {
        return store;
    }

    @Override
    public Batch stateRows() {
        Schema s = keySchema.add(Field.of("state", DataType.STRING)).add(Field.of("timeoutAt", DataType.LONG));
        BatchBuilder b = Batch.builder(s, store.numKeys());
        for (Entry e : store.values()) {
            b.addRow(row(e, String.valueOf(e.value), s.size()));
        }
        return b.build();
    }

    private Object[] row(Entry e, Object state, int width) {
        Object[] vals = new Object[width];
        System.arraycopy(e.key.values(), 0, vals, 0, keyIdx.length);
        vals[keyIdx.length] = state;
        vals[keyIdx.length + 1] = e.timeoutAt == GroupStateImpl.NO_TIMEOUT ? null : e.timeoutAt;
        return vals;
    }

    @Override
    public boolean wantsNoDataBatch(long newWatermark) {
        long now = clock.millis();
        long wmMs = newWatermark == BatchContext.NO_WATERMARK ? -1 : Math.floorDiv(newWatermark, 1000);
        for (Entry e : store.values()) {
            if (expired(e, now, wmMs)) {
                return true;
            }
        }
        return false;
    }

    /** The user function may emit any event time, so nothing above it has a watermark (as in Spark). */
    @Override
    public long outputWatermark(long inputWatermark) {
        return BatchContext.NO_WATERMARK;
    }

    @Override
    public String describe() {
        return node.describe();
    }

    /** Raw state: key columns, the codec's text of the state, the timeout (or null). */
    private final class Codec implements KeyedStore.Codec<Entry> {
        private final Schema raw =
                keySchema.add(Field.of("__state", DataType.STRING)).add(Field.of("__timeoutAt", DataType.LONG));

        @Override
        public Schema keySchema() {
            return keySchema;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Batch encode(List<Map.Entry<List<Object>, Entry>> entries) {
            StateCodec codec = node.codec();
            BatchBuilder b = Batch.builder(raw);
            for (Map.Entry<List<Object>, Entry> e : entries) {
                b.addRow(row(e.getValue(), codec.encode(e.getValue().value), raw.size()));
            }
            return b.build();
        }

        @Override
        public void decode(Batch rows, Map<List<Object>, Entry> into) {
            for (Row r : rows) {
                Object[] key = new Object[keyIdx.length];
                for (int i = 0; i < key.length; i++) {
                    key[i] = r.get(i);
                }
                Entry e = new Entry(Row.of(keySchema, key));
                e.value = node.codec().decode(r.getString(keyIdx.length));
                e.timeoutAt = r.isNull(keyIdx.length + 1) ? GroupStateImpl.NO_TIMEOUT : r.getLong(keyIdx.length + 1);
                into.put(Arrays.asList(key), e);
            }
        }
    }
}
