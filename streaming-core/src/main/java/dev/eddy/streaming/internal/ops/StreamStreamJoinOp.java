package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import dev.eddy.streaming.internal.expr.Vectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        for (List<Stored> l : leftState.values()) {
            var it = l.iterator();
            while (it.hasNext()) {
                Stored s = it.next();
                if (s.time - jc.lo <= wm) {
                    it.remove();
                    removed++;
                    if (outer && !s.matched) {
                        out.addRow(concat(s.row.values(), null));
                    }
                }
            }
        }
        for (List<Stored> l : rightState.values()) {
            int before = l.size();
            l.removeIf(s -> s.time + jc.hi <= wm);
            removed += before - l.size();
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

    /** Raw state: side ("left"/"right"), matched, event time, then the joined columns of that side's row. */
    @Override
    public Batch saveState() {
        List<dev.eddy.streaming.api.data.Field> fields = new ArrayList<>(List.of(
                dev.eddy.streaming.api.data.Field.of("__side", dev.eddy.streaming.api.data.DataType.STRING),
                dev.eddy.streaming.api.data.Field.of("__matched", dev.eddy.streaming.api.data.DataType.BOOLEAN),
                dev.eddy.streaming.api.data.Field.of("__time", dev.eddy.streaming.api.data.DataType.LONG)));
        fields.addAll(node.schema().fields());
        BatchBuilder b = Batch.builder(Schema.of(fields));
        int nl = left.schema().size();
        for (boolean isLeft : new boolean[]{true, false}) {
            for (List<Stored> l : (isLeft ? leftState : rightState).values()) {
                for (Stored st : l) {
                    Object[] vals = new Object[fields.size()];
                    vals[0] = isLeft ? "left" : "right";
                    vals[1] = st.matched;
                    vals[2] = st.time;
                    Object[] row = st.row.values();
                    System.arraycopy(row, 0, vals, 3 + (isLeft ? 0 : nl), row.length);
                    b.addRow(vals);
                }
            }
        }
        return b.build();
    }

    @Override
    public void restoreState(Batch raw) {
        int nl = left.schema().size();
        for (Row r : raw) {
            boolean isLeft = "left".equals(r.getString(0));
            Schema side = isLeft ? left.schema() : right.schema();
            Object[] vals = new Object[side.size()];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = r.get(3 + (isLeft ? 0 : nl) + i);
            }
            Stored st = new Stored(Row.of(side, vals), r.getLong(2));
            st.matched = r.getBoolean(1);
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
