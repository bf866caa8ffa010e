package dev.eddy.streaming.internal.ops;

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
    /**
     * The join key that carries a watermark (a window, or a time column, of either side), as an index into
     * {@code jc.equi}; -1: none. With one, both sides' state is evicted by that key (Spark's key watermark predicate,
     * which takes precedence over a time range): a row once its key (a window's end) <= the watermark.
     */
    private final int keyWm;
    /** Per side (0 left, 1 right) the column whose watermark drops its late rows, -1 for none. */
    private final int[] lateColumn = {-1, -1};

    private final ListStore<Stored> store;

    /**
     * {@code leftWatermarked}, {@code rightWatermarked}: each input's columns that carry a watermark (Spark keeps it on
     * the attribute: a right column named like a watermarked left one has none unless its own input gave it one).
     */
    public StreamStreamJoinOp(
            Operator left, Operator right, Join node, Set<String> leftWatermarked, Set<String> rightWatermarked) {
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
                && leftWatermarked.contains(left.schema().field(jc.leftTime).name());
        rightWm = jc.rightTime >= 0
                && rightWatermarked.contains(right.schema().field(jc.rightTime).name());
        keyWm = watermarkedKey(left.schema(), right.schema(), leftWatermarked, rightWatermarked);
        if (keyWm >= 0) {
            lateColumn[0] = eventTimeColumn(left.schema(), leftWatermarked, "left");
            lateColumn[1] = eventTimeColumn(right.schema(), rightWatermarked, "right");
        } else {
            lateColumn[0] = leftWm ? jc.leftTime : -1;
            lateColumn[1] = rightWm ? jc.rightTime : -1;
        }
        if (node.type() != Join.JoinType.INNER && keyWm < 0 && !(jc.hasTimeBounds() && (leftWm || rightWm))) {
            throw new UnsupportedOperationException(
                    "Stream-stream " + (node.type() == Join.JoinType.LEFT_SEMI ? "LEFT SEMI" : "LEFT OUTER")
                            + " join is not supported without a watermark "
                            + "and a time range condition (e.g. leftTime >= rightTime - interval AND leftTime <= rightTime + "
                            + "interval), or a watermarked window (or time) among the join keys: without them Eddy"
                            + " could never decide that a left row has no match");
        }
        store = new ListStore<>("symmetricHashJoin", new JoinState(jc, left.schema(), right.schema(), joined), 64);
    }

    /** Spark's joinKeyOrdinalForWatermark: the first key whose left column has a watermark, else whose right one has. */
    private int watermarkedKey(Schema left, Schema right, Set<String> leftWatermarked, Set<String> rightWatermarked) {
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < jc.equi.size(); i++) {
                Field f = (side == 0 ? left : right).field(jc.equi.get(i)[side]);
                if ((side == 0 ? leftWatermarked : rightWatermarked).contains(f.name())
                        && (f.type() == DataType.STRUCT || f.type() == DataType.TIMESTAMP)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The one column of a side that carries a watermark (Spark drops a side's late rows by it); Spark refuses a side
     * with two, e.g. a window next to the time column it was made from.
     */
    private static int eventTimeColumn(Schema side, Set<String> watermarked, String which) {
        int found = -1;
        for (int i = 0; i < side.size(); i++) {
            Field f = side.field(i);
            if (watermarked.contains(f.name()) && (f.type() == DataType.STRUCT || f.type() == DataType.TIMESTAMP)) {
                if (found >= 0) {
                    throw new TwoEventTimeColumns("More than one event time columns are available on the "
                            + which + " side of a stream-stream join: "
                            + side.field(found).name() + " and "
                            + f.name() + " (as in Spark: a window keeps the watermark of the time column it is made"
                            + " from; select only one of them)");
                }
                found = i;
            }
        }
        return found;
    }

    /** A side with two event-time columns, which Spark refuses only when it runs the query's first batch. */
    public static final class TwoEventTimeColumns extends UnsupportedOperationException {
        TwoEventTimeColumns(String message) {
            super(message);
        }
    }

    /** A time column's value, or a window's end; Long.MIN_VALUE for null. */
    private static long timeOf(Object v) {
        if (v == null) {
            return Long.MIN_VALUE;
        }
        return v instanceof Row window ? window.getLong(1) : ((Number) v).longValue();
    }

    private boolean evicts(BatchContext ctx) {
        return (keyWm >= 0 || jc.hasTimeBounds()) && ctx.hasWatermark();
    }

    /** Whether the state watermark {@code wm} evicts a row of a side (only asked when {@link #evicts}). */
    private boolean evictable(boolean isLeft, Stored s, long wm) {
        if (keyWm >= 0) {
            return timeOf(s.row.get(jc.equi.get(keyWm)[isLeft ? 0 : 1])) <= wm;
        }
        return s.time <= wm + (isLeft ? jc.leftEvict : jc.rightEvict);
    }

    /**
     * With a watermarked key, a new row that its key already evicts is not held after this batch (Spark does not add
     * such a right row, and adds and at once evicts such a left row); it still joins this batch's rows of the other
     * side (Spark joins the new right rows with the left state, new left rows included), and a left outer join emits
     * such a left row at once if it matched none.
     */
    private Map<List<Object>, List<Stored>> kept(
            boolean isLeft, Map<List<Object>, List<Stored>> fresh, BatchContext ctx) {
        if (keyWm < 0 || !ctx.hasWatermark()) {
            return fresh;
        }
        Map<List<Object>, List<Stored>> out = new LinkedHashMap<>();
        for (Map.Entry<List<Object>, List<Stored>> e : fresh.entrySet()) {
            for (Stored st : e.getValue()) {
                if (!evictable(isLeft, st, ctx.watermark())) {
                    out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(st);
                }
            }
        }
        return out;
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
        Map<List<Object>, List<Stored>> keptL = kept(true, newL, ctx);
        Map<List<Object>, List<Stored>> keptR = kept(false, newR, ctx);
        for (Map.Entry<List<Object>, List<Stored>> e : newL.entrySet()) {
            if (e.getKey().contains(null)) {
                continue;
            }
            for (Stored ls : e.getValue()) {
                // Spark adds every new left row to the state before the new right rows join it, also one that the
                // state watermark evicts at the end of this batch: it still meets this batch's right rows
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
        if (node.type() == Join.JoinType.LEFT_OUTER && keptL != newL) {
            // Spark 4.2 adds it and evicts it at the end of the batch: an unmatched one comes out with nulls now
            for (Map.Entry<List<Object>, List<Stored>> e : newL.entrySet()) {
                if (!keptL.containsKey(e.getKey())) {
                    for (Stored ls : e.getValue()) {
                        if (!ls.matched) {
                            out.addRow(JoinState.concat(node.schema(), ls.row.values(), null));
                        }
                    }
                }
            }
        }
        addAll(true, keptL);
        addAll(false, keptR);
        int removed = evict(ctx, out);
        store.endBatch(JoinState.size(keptL) + JoinState.size(keptR), removed, dropped[0]);
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
        boolean evicts = evicts(ctx);
        for (Map.Entry<List<Object>, List<Stored>> e : newR.entrySet()) {
            for (Stored rs : e.getValue()) {
                if (!(evicts && evictable(false, rs, ctx.watermark()))) {
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
                } else if (!(keyWm >= 0 && evicts && evictable(true, ls, ctx.watermark()))) {
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
        int lateCol = lateColumn[isLeft ? 0 : 1];
        // the time a held row is evicted by: a range's time column, else the late-row column (unused then)
        int timeCol = keyWm >= 0 ? lateCol : isLeft ? jc.leftTime : jc.rightTime;
        boolean wm = lateCol >= 0 && ctx.hasWatermark(); // lateCol is timeCol then
        for (Row row : b) {
            long t = timeCol < 0 ? Long.MIN_VALUE : timeOf(row.get(timeCol));
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
        if (!evicts(ctx)) {
            return 0;
        }
        long wm = ctx.watermark();
        boolean outer = node.type() == Join.JoinType.LEFT_OUTER;
        return store.evictWhere((k, s) -> evictable(LEFT.equals(k.get(0)), s, wm), (k, s) -> {
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
        return (keyWm >= 0 || jc.hasTimeBounds()) && store.watermarkAdvances(newWatermark);
    }

    /**
     * Spark's: the minimum of the input watermark and each side's state watermark (the time at or below which that
     * side's rows are evicted), since a joined row carries both sides' event times and an outer join emits a left row
     * only once it is evicted.
     */
    @Override
    public long outputWatermark(long inputWatermark) {
        // a watermarked key evicts by the watermark itself (Spark's state watermark is then the input's)
        if (inputWatermark == BatchContext.NO_WATERMARK || !jc.hasTimeBounds() || keyWm >= 0) {
            return inputWatermark;
        }
        return Math.min(inputWatermark, inputWatermark + Math.min(jc.leftEvict, jc.rightEvict));
    }

    @Override
    public String describe() {
        return "StreamingSymmetricHashJoin " + node.type() + " on " + node.condition()
                + (keyWm >= 0
                        ? " (state bounded by the watermark on a join key)"
                        : jc.hasTimeBounds() ? " (state bounded by watermark)" : "");
    }
}
