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
import dev.eddy.streaming.internal.ops.JoinState.Stored;
import dev.eddy.streaming.internal.state.ListStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stream-stream join (inner, left outer, left semi), Spark's way: both sides buffer their rows in state by join key;
 * each batch joins new left rows with all right rows and new right rows with old left rows, then filters
 * pairs by the whole condition. With a time bound {@code lo <= leftTime - rightTime <= hi} and a watermark,
 * rows that can no longer match are evicted by Spark's state watermarks (a left row once leftTime <= watermark + lo,
 * a right row once rightTime <= watermark - hi, one millisecond less for a bound written with {@code >=} or
 * {@code <=}: {@link JoinConditions#leftEvict}); in a left outer join an evicted left row that never matched is emitted with
 * nulls then. Rows at or before the watermark on a watermarked time column are dropped as late. Both sides live in one
 * {@link ListStore} keyed by side and join key.
 */
public final class StreamStreamJoinOp extends AbstractOperator implements StatefulOperator {
    private static final String LEFT = "left";
    private static final String RIGHT = "right";
    private final Join node;
    /** The schema the condition reads: left then right columns (also the output but for a left semi join). */
    private final Schema joined;

    private final JoinConditions jc;
    private final Evaluator condition;
    private final boolean leftWm;
    private final boolean rightWm;
    private final ListStore<Stored> store;

    public StreamStreamJoinOp(Operator left, Operator right, Join node, Set<String> watermarked) {
        super(node.schema(), left, right);
        this.node = node;
        this.joined = node.conditionSchema();
        this.jc = new JoinConditions(node.condition(), left.schema(), joined);
        this.condition = ExprCompiler.compile(node.condition(), joined);
        if (jc.equi.isEmpty()) {
            throw new UnsupportedOperationException("a stream-stream join needs at least one equality between a left "
                    + "and a right column, got " + node.condition());
        }
        leftWm = jc.leftTime >= 0
                && watermarked.contains(left.schema().field(jc.leftTime).name());
        rightWm = jc.rightTime >= 0
                && watermarked.contains(right.schema().field(jc.rightTime).name());
        if (node.type() != Join.JoinType.INNER && !(jc.hasTimeBounds() && (leftWm || rightWm))) {
            throw new UnsupportedOperationException(
                    "Stream-stream " + (node.type() == Join.JoinType.LEFT_SEMI ? "LEFT SEMI" : "LEFT OUTER")
                            + " join is not supported without a watermark "
                            + "and a time range condition (e.g. leftTime >= rightTime - interval AND leftTime <= rightTime + "
                            + "interval): without them Eddy could never decide that a left row has no match");
        }
        store = new ListStore<>("symmetricHashJoin", new JoinState(jc, left.schema(), right.schema(), joined), 64);
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch l = inputs.get(0);
        Batch r = inputs.get(1);
        store.beginBatch(ctx.batchId(), ctx.watermark(), ctx.lateWatermark());
        long[] dropped = new long[1];
        Map<List<Object>, List<Stored>> newL = admit(l, true, ctx, dropped);
        Map<List<Object>, List<Stored>> newR = admit(r, false, ctx, dropped);
        markChanged(newL, true);
        markChanged(newR, false);
        if (node.type() == Join.JoinType.LEFT_SEMI) {
            return semi(newL, newR, ctx, dropped[0]);
        }
        List<Stored[]> pairs = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Stored>> e : newL.entrySet()) {
            if (e.getKey().contains(null)) {
                continue;
            }
            for (Stored ls : e.getValue()) {
                JoinState.pairUp(ls, side(false, e.getKey()), pairs);
                JoinState.pairUp(ls, newR.get(e.getKey()), pairs);
            }
        }
        for (Map.Entry<List<Object>, List<Stored>> e : newR.entrySet()) {
            List<Stored> old = e.getKey().contains(null) ? null : side(true, e.getKey());
            if (old != null) {
                for (Stored rs : e.getValue()) {
                    for (Stored ls : old) {
                        pairs.add(new Stored[] {ls, rs});
                    }
                }
            }
        }
        BatchBuilder out = Batch.builder(node.schema());
        emitMatches(pairs, out);
        addAll(true, newL);
        addAll(false, newR);
        int removed = evict(ctx, out);
        store.endBatch(JoinState.size(newL) + JoinState.size(newR), removed, dropped[0]);
        return out.build();
    }

    /**
     * Left semi, as Spark 4.2's symmetric hash join runs it: the right side first (for a left semi join Spark joins
     * the new right rows before the new left rows): each new right row emits the held left rows of its key that it
     * matches and removes them from the state, so a left row is emitted once, at its first match; the new right rows
     * are kept, but for those the state watermark evicts in this very batch. Then each new left row
     * that matches a held right row (also one of this batch) is emitted and not kept; the others are kept unmatched.
     * Eviction by the state watermarks emits nothing.
     */
    private Batch semi(
            Map<List<Object>, List<Stored>> newL,
            Map<List<Object>, List<Stored>> newR,
            BatchContext ctx,
            long dropped) {
        BatchBuilder out = Batch.builder(node.schema());
        List<Stored[]> pairs = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Stored>> e : newR.entrySet()) {
            List<Stored> lefts = e.getKey().contains(null) ? null : side(true, e.getKey());
            if (lefts != null) {
                for (Stored ls : lefts) {
                    if (!ls.matched) {
                        for (Stored rs : e.getValue()) {
                            pairs.add(new Stored[] {ls, rs});
                        }
                    }
                }
            }
        }
        Set<Stored> emitted = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Stored[] p : matching(pairs)) {
            if (emitted.add(p[0])) {
                out.addRow(p[0].row.values());
            }
        }
        int matchedAway = emitted.isEmpty() ? 0 : removeMatchedLefts(newR.keySet(), emitted);
        Map<List<Object>, List<Stored>> keptR = new LinkedHashMap<>();
        boolean evicts = jc.hasTimeBounds() && ctx.hasWatermark();
        for (Map.Entry<List<Object>, List<Stored>> e : newR.entrySet()) {
            for (Stored rs : e.getValue()) {
                if (!(evicts && rs.time <= ctx.watermark() + jc.rightEvict)) {
                    keptR.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(rs);
                }
            }
        }
        addAll(false, keptR);
        pairs.clear();
        for (Map.Entry<List<Object>, List<Stored>> e : newL.entrySet()) {
            List<Stored> rights = e.getKey().contains(null) ? null : side(false, e.getKey());
            for (Stored ls : e.getValue()) {
                JoinState.pairUp(ls, rights, pairs);
            }
        }
        matching(pairs);
        Map<List<Object>, List<Stored>> keptL = new LinkedHashMap<>();
        for (Map.Entry<List<Object>, List<Stored>> e : newL.entrySet()) {
            for (Stored ls : e.getValue()) {
                if (ls.matched) {
                    out.addRow(ls.row.values());
                } else {
                    keptL.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(ls);
                }
            }
        }
        addAll(true, keptL);
        int removed = evict(ctx, out) + matchedAway;
        store.endBatch(JoinState.size(keptL) + JoinState.size(keptR), removed, dropped);
        return out.build();
    }

    /**
     * Spark 4.2 removes a held left row of a left semi join once a right row matches it (it is emitted then and can
     * never be again): its getJoinedRowsAndRemoveMatched. Returns how many rows left the state.
     */
    private int removeMatchedLefts(Set<List<Object>> keys, Set<Stored> matched) {
        int n = 0;
        for (List<Object> k : keys) {
            List<Object> key = stateKey(true, k);
            List<Stored> held = store.get(key);
            if (held == null) {
                continue;
            }
            int before = held.size();
            held.removeIf(matched::contains);
            n += before - held.size();
            if (held.isEmpty()) {
                store.remove(key);
            } else if (held.size() != before) {
                store.touch(key);
            }
        }
        return n;
    }

    /** The pairs the whole condition accepts; marks both rows of each matched. */
    private List<Stored[]> matching(List<Stored[]> pairs) {
        List<Stored[]> ok = new ArrayList<>();
        if (pairs.isEmpty()) {
            return ok;
        }
        BatchBuilder cand = Batch.builder(joined, pairs.size());
        for (Stored[] p : pairs) {
            cand.addRow(JoinState.concat(joined, p[0].row.values(), p[1].row.values()));
        }
        BooleanColumn pass = (BooleanColumn) condition.eval(cand.build());
        for (int i = 0; i < pairs.size(); i++) {
            if (pass.values()[i] && !Vectors.isNull(pass.nullBitmap(), i)) {
                pairs.get(i)[0].matched = true;
                pairs.get(i)[1].matched = true;
                ok.add(pairs.get(i));
            }
        }
        return ok;
    }

    private static List<Object> stateKey(boolean isLeft, List<Object> key) {
        List<Object> k = new ArrayList<>(key.size() + 1);
        k.add(isLeft ? LEFT : RIGHT);
        k.addAll(key);
        return k;
    }

    private List<Stored> side(boolean isLeft, List<Object> key) {
        return store.get(stateKey(isLeft, key));
    }

    /** New rows of a key change that side's group, and may set the matched flag of the other side's rows. */
    private void markChanged(Map<List<Object>, List<Stored>> fresh, boolean isLeft) {
        for (List<Object> k : fresh.keySet()) {
            store.touch(stateKey(isLeft, k));
            List<Object> other = stateKey(!isLeft, k);
            if (store.contains(other)) {
                store.touch(other);
            }
        }
    }

    private Map<List<Object>, List<Stored>> admit(Batch b, boolean isLeft, BatchContext ctx, long[] dropped) {
        Map<List<Object>, List<Stored>> m = new LinkedHashMap<>();
        int timeCol = isLeft ? jc.leftTime : jc.rightTime;
        boolean wm = (isLeft ? leftWm : rightWm) && ctx.hasWatermark();
        for (Row row : b) {
            long t = timeCol < 0 || row.isNull(timeCol) ? Long.MIN_VALUE : row.getLong(timeCol);
            if (wm && t <= ctx.lateWatermark()) { // late by the previous batch's watermark
                dropped[0]++;
                store.dropLate(row, t);
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
        BatchBuilder cand = Batch.builder(joined, pairs.size());
        for (Stored[] p : pairs) {
            cand.addRow(JoinState.concat(joined, p[0].row.values(), p[1].row.values()));
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

    private void addAll(boolean isLeft, Map<List<Object>, List<Stored>> rows) {
        rows.forEach((k, v) -> {
            List<Object> key = stateKey(isLeft, k);
            List<Stored> held = store.get(key);
            if (held == null) {
                store.put(key, new ArrayList<>(v));
            } else {
                held.addAll(v);
            }
        });
    }

    /** Drops the rows no future row can match; a left outer join emits its unmatched left rows then. */
    private int evict(BatchContext ctx, BatchBuilder out) {
        if (!jc.hasTimeBounds() || !ctx.hasWatermark()) {
            return 0;
        }
        long wm = ctx.watermark();
        boolean outer = node.type() == Join.JoinType.LEFT_OUTER;
        return store.evictWhere(
                (k, s) -> s.time <= wm + (LEFT.equals(k.get(0)) ? jc.leftEvict : jc.rightEvict), (k, s) -> {
                    if (outer && LEFT.equals(k.get(0)) && !s.matched) {
                        out.addRow(JoinState.concat(node.schema(), s.row.values(), null));
                    }
                });
    }

    @Override
    public ListStore<Stored> store() {
        return store;
    }

    /** Left rows (right columns null), then right rows (left columns null). */
    @Override
    public Batch stateRows() {
        BatchBuilder b = Batch.builder(joined);
        int nl = children().get(0).schema().size();
        for (String side : List.of(LEFT, RIGHT)) {
            store.entries().forEach((k, rows) -> {
                if (side.equals(k.get(0))) {
                    rows.forEach(s -> b.addRow(
                            side.equals(LEFT)
                                    ? JoinState.concat(joined, s.row.values(), null)
                                    : JoinState.shifted(joined, nl, s.row.values())));
                }
            });
        }
        return b.build();
    }

    @Override
    public boolean wantsNoDataBatch(long newWatermark) {
        return jc.hasTimeBounds() && store.watermarkAdvances(newWatermark);
    }

    /**
     * Spark's: the minimum of the input watermark and each side's state watermark (the time at or below which that
     * side's rows are evicted), since a joined row carries both sides' event times and an outer join emits a left row
     * only once it is evicted.
     */
    @Override
    public long outputWatermark(long inputWatermark) {
        if (inputWatermark == BatchContext.NO_WATERMARK || !jc.hasTimeBounds()) {
            return inputWatermark;
        }
        return Math.min(inputWatermark, inputWatermark + Math.min(jc.leftEvict, jc.rightEvict));
    }

    @Override
    public String describe() {
        return "StreamingSymmetricHashJoin " + node.type() + " on " + node.condition()
                + (jc.hasTimeBounds() ? " (state bounded by watermark)" : "");
    }
}
