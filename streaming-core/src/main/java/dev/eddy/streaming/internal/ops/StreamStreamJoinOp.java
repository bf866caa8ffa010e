package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import dev.eddy.streaming.internal.expr.Vectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stream-stream join (inner, left outer), Spark's way: both sides buffer their rows in state by join key;
 * each batch joins new left rows with all right rows and new right rows with old left rows, then filters
 * pairs by the whole condition. With a time bound {@code lo <= leftTime - rightTime <= hi} and a watermark,
 * rows that can no longer match are evicted (a left row once leftTime - lo <= watermark, a right row once
 * rightTime + hi <= watermark); in a left outer join an evicted left row that never matched is emitted with
 * nulls then. Rows at or before the watermark on a watermarked time column are dropped as late.
 */
public final class StreamStreamJoinOp implements StatefulOperator {
    private final Operator left;
    private final Operator right;
    private final Join node;
    private final JoinConditions jc;
    private final Evaluator condition;
    private final boolean leftWm;
    private final boolean rightWm;
    private final Map<List<Object>, List<Stored>> leftState = new LinkedHashMap<>();
    private final Map<List<Object>, List<Stored>> rightState = new LinkedHashMap<>();
    private final LateRows late = new LateRows(100);
    /** Keys whose rows the last batch added, matched or evicted, per side (its state delta). */
    private final Set<List<Object>> dirtyLeft = new LinkedHashSet<>();
    private final Set<List<Object>> dirtyRight = new LinkedHashSet<>();
    private long lastWatermark = BatchContext.NO_WATERMARK;
    private long version = -1;
    private StateMetrics metrics = new StateMetrics("symmetricHashJoin", 0, 0, 0, 0, 0);

    private static final class Stored {
        final Row row;
        final long time;
        boolean matched;

        Stored(Row row, long time) {
            this.row = row;
            this.time = time;
        }
    }

    public StreamStreamJoinOp(Operator left, Operator right, Join node, Set<String> watermarked) {
        this.left = left;
        this.right = right;
        this.node = node;
        this.jc = new JoinConditions(node.condition(), left.schema(), node.schema());
        this.condition = ExprCompiler.compile(node.condition(), node.schema());
        if (jc.equi.isEmpty()) {
            throw new UnsupportedOperationException("a stream-stream join needs at least one equality between a left "
                    + "and a right column, got " + node.condition());
        }
        leftWm = jc.leftTime >= 0 && watermarked.contains(left.schema().field(jc.leftTime).name());
        rightWm = jc.rightTime >= 0 && watermarked.contains(right.schema().field(jc.rightTime).name());
        if (node.type() == Join.JoinType.LEFT_OUTER && !(jc.hasTimeBounds() && (leftWm || rightWm))) {
            throw new UnsupportedOperationException("Stream-stream LEFT OUTER join is not supported without a watermark "
                    + "and a time range condition (e.g. leftTime >= rightTime - interval AND leftTime <= rightTime + "
                    + "interval): without them Eddy could never decide that a left row has no match");
        }
    }

    @Override
    public Schema schema() {
        return node.schema();
    }

    @Override
    public List<Operator> children() {
        return List.of(left, right);
    }

    @Override
    public Batch execute(BatchContext ctx) {
        Batch l = left.execute(ctx);
        Batch r = right.execute(ctx);
        lastWatermark = ctx.watermark();
        long[] dropped = new long[1];
        Map<List<Object>, List<Stored>> newL = admit(l, true, ctx, dropped);
        Map<List<Object>, List<Stored>> newR = admit(r, false, ctx, dropped);
        markDirty(newL, newR);
        List<Stored[]> pairs = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Stored>> e : newL.entrySet()) {
            if (e.getKey().contains(null)) {
                continue;
            }
            for (Stored ls : e.getValue()) {
                pairUp(ls, rightState.get(e.getKey()), pairs);
                pairUp(ls, newR.get(e.getKey()), pairs);
            }
        }
        for (Map.Entry<List<Object>, List<Stored>> e : newR.entrySet()) {
            List<Stored> old = e.getKey().contains(null) ? null : leftState.get(e.getKey());
            if (old != null) {
                for (Stored rs : e.getValue()) {
                    for (Stored ls : old) {
                        pairs.add(new Stored[]{ls, rs});
                    }
                }
            }
        }
        BatchBuilder out = Batch.builder(node.schema());
        emitMatches(pairs, out);
        addAll(leftState, newL);
        addAll(rightState, newR);
        int removed = evict(ctx, out);
        int total = size(leftState) + size(rightState);
        if (!newL.isEmpty() || !newR.isEmpty() || removed > 0) {
            version = ctx.batchId();
        }
        metrics = new StateMetrics("symmetricHashJoin", total, size(newL) + size(newR), removed, dropped[0], total * 64L);
        return out.build();
    }

    /** New rows of a key change that side's group, and may set the matched flag of the other side's rows. */
    private void markDirty(Map<List<Object>, List<Stored>> newL, Map<List<Object>, List<Stored>> newR) {
        dirtyLeft.clear();
        dirtyRight.clear();
        for (List<Object> k : newL.keySet()) {
            dirtyLeft.add(k);
            if (rightState.containsKey(k)) {
                dirtyRight.add(k);
            }
        }
        for (List<Object> k : newR.keySet()) {
            dirtyRight.add(k);
            if (leftState.containsKey(k)) {
                dirtyLeft.add(k);
            }
        }
    }

    private static void pairUp(Stored ls, List<Stored> rights, List<Stored[]> pairs) {
        if (rights != null) {
            for (Stored rs : rights) {
                pairs.add(new Stored[]{ls, rs});
            }
        }
    }

    private Map<List<Object>, List<Stored>> admit(Batch b, boolean isLeft, BatchContext ctx, long[] dropped) {
        Map<List<Object>, List<Stored>> m = new LinkedHashMap<>();
        int timeCol = isLeft ? jc.leftTime : jc.rightTime;
        boolean wm = (isLeft ? leftWm : rightWm) && ctx.hasWatermark();
        for (Row row : b) {
            long t = timeCol < 0 || row.isNull(timeCol) ? Long.MIN_VALUE : row.getLong(timeCol);
            if (wm && t <= ctx.watermark()) {
                dropped[0]++;
                late.add(new LateRows.Dropped(ctx.batchId(), row.copy(), t, ctx.watermark()));
                continue;
            }
            List<Object> key = new ArrayList<>();
            for (int[] p : jc.equi) {
                key.add(row.get(isLeft ? p[0] : p[1]));
            }
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(new Stored(row.copy(), t));
        }
        return m;
    }

    private void emitMatches(List<Stored[]> pairs, BatchBuilder out) {
        if (pairs.isEmpty()) {
            return;
        }
        BatchBuilder cand = Batch.builder(node.schema(), pairs.size());
        for (Stored[] p : pairs) {
            cand.addRow(concat(p[0].row.values(), p[1].row.values()));
        }
        Batch c = cand.build();
        BooleanColumn ok = (BooleanColumn) condition.eval(c);
        for (int i = 0; i < pairs.size(); i++) {
            if (ok.values()[i] && !Vectors.isNull(ok.nullBitmap(), i)) {
                pairs.get(i)[0].matched = true;
                pairs.get(i)[1].matched = true;
                out.addRow(c.row(i));
            }
        }
    }

    private Object[] concat(Object[] a, Object[] b) {
        Object[] all = new Object[node.schema().size()];
        System.arraycopy(a, 0, all, 0, a.length);
        if (b != null) {
            System.arraycopy(b, 0, all, a.length, b.length);
        }
        return all;
    }

    private static void addAll(Map<List<Object>, List<Stored>> state, Map<List<Object>, List<Stored>> rows) {
        rows.forEach((k, v) -> state.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }

    private int evict(BatchContext ctx, BatchBuilder out) {
        if (!jc.hasTimeBounds() || !ctx.hasWatermark()) {
            return 0;
        }
        long wm = ctx.watermark();
        int removed = 0;
        boolean outer = node.type() == Join.JoinType.LEFT_OUTER;
        for (Map.Entry<List<Object>, List<Stored>> e : leftState.entrySet()) {
            var it = e.getValue().iterator();
            while (it.hasNext()) {
                Stored s = it.next();
                if (s.time - jc.lo <= wm) {
                    it.remove();
                    dirtyLeft.add(e.getKey());
                    removed++;
                    if (outer && !s.matched) {
                        out.addRow(concat(s.row.values(), null));
                    }
                }
            }
        }
        for (Map.Entry<List<Object>, List<Stored>> e : rightState.entrySet()) {
            int before = e.getValue().size();
            e.getValue().removeIf(s -> s.time + jc.hi <= wm);
            if (e.getValue().size() < before) {
                dirtyRight.add(e.getKey());
                removed += before - e.getValue().size();
            }
        }
        leftState.values().removeIf(List::isEmpty);
        rightState.values().removeIf(List::isEmpty);
        return removed;
    }

    private static int size(Map<List<Object>, List<Stored>> m) {
        int n = 0;
        for (List<Stored> l : m.values()) {
            n += l.size();
        }
        return n;
    }

    @Override
    public StateMetrics metrics() {
        return metrics;
    }

    @Override
    public Batch stateRows() {
        BatchBuilder b = Batch.builder(node.schema());
        leftState.values().forEach(l -> l.forEach(s -> b.addRow(concat(s.row.values(), null))));
        int nl = left.schema().size();
        rightState.values().forEach(l -> l.forEach(s -> {
            Object[] all = new Object[node.schema().size()];
            System.arraycopy(s.row.values(), 0, all, nl, right.schema().size());
            b.addRow(all);
        }));
        return b.build();
    }

    @Override
    public boolean canSaveState() {
        return true;
    }

    /**
     * Raw state, one row per buffered row: side ("left"/"right") and the join key (a state group), matched, event
     * time, then the joined columns of that side's row.
     */
    @Override
    public Batch saveState() {
        BatchBuilder b = Batch.builder(rawSchema());
        for (boolean isLeft : new boolean[]{true, false}) {
            for (Map.Entry<List<Object>, List<Stored>> e : (isLeft ? leftState : rightState).entrySet()) {
                addRaw(b, isLeft, e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    private Schema rawSchema() {
        List<Field> fields = new ArrayList<>(keyFields());
        fields.add(Field.of("__matched", DataType.BOOLEAN));
        fields.add(Field.of("__time", DataType.LONG));
        fields.addAll(node.schema().fields());
        return Schema.of(fields);
    }

    /** The state key: the side and each join key (its type if both sides agree, else its text). */
    private List<Field> keyFields() {
        List<Field> f = new ArrayList<>(List.of(Field.of("__side", DataType.STRING)));
        for (int i = 0; i < jc.equi.size(); i++) {
            f.add(Field.of("__key" + i, keyType(i)));
        }
        return f;
    }

    private DataType keyType(int i) {
        int[] p = jc.equi.get(i);
        DataType l = left.schema().field(p[0]).type();
        return l == right.schema().field(p[1]).type() ? l : DataType.STRING;
    }

    private Object[] keyValues(boolean isLeft, List<Object> key, int width) {
        Object[] vals = new Object[width];
        vals[0] = isLeft ? "left" : "right";
        for (int i = 0; i < key.size(); i++) {
            Object v = key.get(i);
            vals[1 + i] = keyType(i) == DataType.STRING && v != null ? String.valueOf(v) : v;
        }
        return vals;
    }

    private void addRaw(BatchBuilder b, boolean isLeft, List<Object> key, List<Stored> rows) {
        int k = 1 + jc.equi.size();
        int nl = left.schema().size();
        for (Stored st : rows) {
            Object[] vals = keyValues(isLeft, key, k + 2 + node.schema().size());
            vals[k] = st.matched;
            vals[k + 1] = st.time;
            Object[] row = st.row.values();
            System.arraycopy(row, 0, vals, k + 2 + (isLeft ? 0 : nl), row.length);
            b.addRow(vals);
        }
    }

    /** Both sides' rows of each key the last batch added to, matched or evicted; such keys left without rows. */
    @Override
    public StateDelta stateDelta() {
        BatchBuilder up = Batch.builder(rawSchema());
        Schema ks = Schema.of(keyFields());
        BatchBuilder gone = Batch.builder(ks);
        for (boolean isLeft : new boolean[]{true, false}) {
            Map<List<Object>, List<Stored>> state = isLeft ? leftState : rightState;
            for (List<Object> key : isLeft ? dirtyLeft : dirtyRight) {
                List<Stored> rows = state.get(key);
                if (rows != null) {
                    addRaw(up, isLeft, key, rows);
                } else {
                    gone.addRow(keyValues(isLeft, key, ks.size()));
                }
            }
        }
        return new StateDelta(ks.size(), up.build(), gone.build(), this::saveState);
    }

    @Override
    public void restoreState(Batch raw) {
        int nl = left.schema().size();
        int matched = raw.schema().require("__matched");
        int time = raw.schema().require("__time");
        for (Row r : raw) {
            boolean isLeft = "left".equals(r.getString(0));
            Schema side = isLeft ? left.schema() : right.schema();
            Object[] vals = new Object[side.size()];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = r.get(time + 1 + (isLeft ? 0 : nl) + i);
            }
            Stored st = new Stored(Row.of(side, vals), r.getLong(time));
            st.matched = r.getBoolean(matched);
            List<Object> key = new ArrayList<>();
            for (int[] p : jc.equi) {
                key.add(vals[isLeft ? p[0] : p[1]]);
            }
            (isLeft ? leftState : rightState).computeIfAbsent(key, k -> new ArrayList<>()).add(st);
        }
    }

    @Override
    public boolean wantsNoDataBatch(long newWatermark) {
        return jc.hasTimeBounds() && newWatermark != BatchContext.NO_WATERMARK && newWatermark > lastWatermark;
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
        return "StreamingSymmetricHashJoin " + node.type() + " on " + node.condition()
                + (jc.hasTimeBounds() ? " (state bounded by watermark)" : "");
    }
}
