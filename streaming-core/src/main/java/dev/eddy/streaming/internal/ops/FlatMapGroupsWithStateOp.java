package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.function.GroupStateFunction;
import dev.eddy.streaming.api.function.GroupStateTimeout;
import dev.eddy.streaming.api.plan.FlatMapGroupsWithState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arbitrary keyed state (Spark's flatMapGroupsWithState): per batch, the user function runs once per key
 * with rows (in arrival order), then once per other key whose timeout expired: processing time when the
 * batch's clock time reaches it, event time when the watermark passes it. State values are the user's
 * Java objects, kept per key on the query thread.
 */
public final class FlatMapGroupsWithStateOp implements StatefulOperator {
    private final Operator child;
    private final FlatMapGroupsWithState node;
    private final int[] keyIdx;
    private final Schema keySchema;
    private final Clock clock;
    private final Map<List<Object>, Entry> states = new LinkedHashMap<>();
    private final LateRows late = new LateRows(100);
    /** Keys whose state the last batch kept, changed or removed (its state delta). */
    private final java.util.Set<List<Object>> touched = new java.util.LinkedHashSet<>();
    private long version = -1;
    private StateMetrics metrics = new StateMetrics("flatMapGroupsWithState", 0, 0, 0, 0, 0);

    private static final class Entry {
        final Row key;
        Object value;
        long timeoutAt = GroupStateImpl.NO_TIMEOUT;

        Entry(Row key) {
            this.key = key;
        }
    }

    public FlatMapGroupsWithStateOp(Operator child, FlatMapGroupsWithState node, Clock clock) {
        this.child = child;
        this.node = node;
        this.clock = clock;
        keyIdx = node.keyColumns().stream().mapToInt(child.schema()::require).toArray();
        List<Field> kf = new ArrayList<>();
        for (int i : keyIdx) {
            kf.add(child.schema().field(i));
        }
        keySchema = Schema.of(kf);
    }

    @Override
    public Schema schema() {
        return node.schema();
    }

    @Override
    public List<Operator> children() {
        return List.of(child);
    }

    @Override
    public Batch execute(BatchContext ctx) {
        Batch in = child.execute(ctx);
        Map<List<Object>, List<Row>> byKey = new LinkedHashMap<>();
        for (Row r : in) {
            List<Object> k = new ArrayList<>(keyIdx.length);
            for (int i : keyIdx) {
                k.add(r.get(i));
            }
            byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(r.copy());
        }
        BatchBuilder out = Batch.builder(node.schema());
        long wmMs = ctx.hasWatermark() ? Math.floorDiv(ctx.watermark(), 1000) : -1;
        int updated = 0;
        int removed = 0;
        touched.clear();
        for (Map.Entry<List<Object>, List<Row>> e : byKey.entrySet()) {
            Entry st = states.get(e.getKey());
            if (st == null) {
                st = new Entry(Row.of(keySchema, e.getKey().toArray()));
            }
            int r = call(st, e.getKey(), e.getValue().iterator(), false, ctx, wmMs, out);
            updated += r > 0 ? 1 : 0;
            removed += r < 0 ? 1 : 0;
        }
        for (Map.Entry<List<Object>, Entry> e : new ArrayList<>(states.entrySet())) {
            if (!byKey.containsKey(e.getKey()) && expired(e.getValue(), ctx.batchTimestampMillis(), wmMs)) {
                int r = call(e.getValue(), e.getKey(), Collections.emptyIterator(), true, ctx, wmMs, out);
                updated += r > 0 ? 1 : 0;
                removed += r < 0 ? 1 : 0;
            }
        }
        if (updated + removed > 0) {
            version = ctx.batchId();
        }
        metrics = new StateMetrics("flatMapGroupsWithState", states.size(), updated, removed, 0, states.size() * 64L);
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

    /** Runs the user function for one key; returns 1 if its state was kept or changed, -1 if removed. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private int call(Entry st, List<Object> key, Iterator<Row> rows, boolean timedOut, BatchContext ctx, long wmMs,
                     BatchBuilder out) {
        boolean existed = states.containsKey(key);
        GroupStateImpl state = new GroupStateImpl(st.value, existed, timedOut, node.timeout(),
                ctx.batchTimestampMillis(), wmMs);
        ((GroupStateFunction) node.function()).call(st.key, rows, state, out::addRow);
        if (state.removed || !state.exists) {
            states.remove(key);
            if (existed) {
                touched.add(key);
            }
            return existed ? -1 : 0;
        }
        touched.add(key);
        st.value = state.value;
        st.timeoutAt = state.timeoutAt;
        states.put(key, st);
        return 1;
    }

    @Override
    public StateMetrics metrics() {
        return metrics;
    }

    @Override
    public Batch stateRows() {
        Schema s = keySchema.add(Field.of("state", dev.eddy.streaming.api.data.DataType.STRING))
                .add(Field.of("timeoutAt", dev.eddy.streaming.api.data.DataType.LONG));
        BatchBuilder b = Batch.builder(s, states.size());
        for (Entry e : states.values()) {
            Object[] vals = new Object[s.size()];
            System.arraycopy(e.key.values(), 0, vals, 0, keyIdx.length);
            vals[keyIdx.length] = String.valueOf(e.value);
            vals[keyIdx.length + 1] = e.timeoutAt == GroupStateImpl.NO_TIMEOUT ? null : e.timeoutAt;
            b.addRow(vals);
        }
        return b.build();
    }

    @Override
    public boolean canSaveState() {
        return node.codec() != null;
    }

    /** Raw state: key columns, the codec's text of the state, the timeout (or null). */
    @Override
    public Batch saveState() {
        return node.codec() == null ? null : raw(states.values());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Batch raw(Iterable<Entry> entries) {
        dev.eddy.streaming.api.function.StateCodec codec = node.codec();
        Schema s = keySchema.add(Field.of("__state", dev.eddy.streaming.api.data.DataType.STRING))
                .add(Field.of("__timeoutAt", dev.eddy.streaming.api.data.DataType.LONG));
        BatchBuilder b = Batch.builder(s);
        for (Entry e : entries) {
            Object[] vals = new Object[s.size()];
            System.arraycopy(e.key.values(), 0, vals, 0, keyIdx.length);
            vals[keyIdx.length] = codec.encode(e.value);
            vals[keyIdx.length + 1] = e.timeoutAt == GroupStateImpl.NO_TIMEOUT ? null : e.timeoutAt;
            b.addRow(vals);
        }
        return b.build();
    }

    /** The keys whose function call kept or changed their state, and those it removed (needs a codec). */
    @Override
    public StateDelta stateDelta() {
        if (node.codec() == null) {
            return null;
        }
        List<Entry> kept = new ArrayList<>();
        BatchBuilder gone = Batch.builder(keySchema);
        for (List<Object> k : touched) {
            Entry e = states.get(k);
            if (e != null) {
                kept.add(e);
            } else {
                gone.addRow(k.toArray());
            }
        }
        return new StateDelta(keyIdx.length, raw(kept), gone.build(), this::saveState);
    }

    @Override
    public void restoreState(Batch raw) {
        for (Row r : raw) {
            Object[] key = new Object[keyIdx.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = r.get(i);
            }
            Entry e = new Entry(Row.of(keySchema, key));
            e.value = node.codec().decode(r.getString(keyIdx.length));
            e.timeoutAt = r.isNull(keyIdx.length + 1) ? GroupStateImpl.NO_TIMEOUT : r.getLong(keyIdx.length + 1);
            states.put(java.util.Arrays.asList(key), e);
        }
    }

    @Override
    public boolean wantsNoDataBatch(long newWatermark) {
        long now = clock.millis();
        long wmMs = newWatermark == BatchContext.NO_WATERMARK ? -1 : Math.floorDiv(newWatermark, 1000);
        for (Entry e : states.values()) {
            if (expired(e, now, wmMs)) {
                return true;
            }
        }
        return false;
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
        return node.describe();
    }
}
