package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import dev.eddy.streaming.internal.expr.Vectors;
import dev.eddy.streaming.internal.ops.agg.Accumulator;
import dev.eddy.streaming.internal.ops.agg.Accumulators;
import dev.eddy.streaming.internal.state.ListStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Aggregation over session windows: per key, an event at t opens [t, t + gap); overlapping sessions merge
 * (their aggregates too). With a watermark on the time column, a row whose own [t, t + gap) already ends at or
 * before the previous batch's watermark is dropped as late (in every output mode, as in Spark: it opens no session),
 * and in append mode a session with end <= this batch's watermark is closed ({@link BatchContext}): emitted and
 * evicted. Complete mode keeps every session. Update mode is refused by the planner, as Spark refuses it. Each
 * key's sessions live in a {@link ListStore};
 * accumulator slots are session ids ({@link SessionIds}).
 */
public final class SessionWindowOp extends AbstractOperator implements StatefulOperator {
    private final Aggregate node;
    private final OutputMode mode;
    private final int sessionPos;
    private final long gap;
    private final Evaluator time;
    private final Evaluator[] keyEvals;
    private final Evaluator[] aggArgs;
    private final Accumulator[] accs;
    private final boolean watermarked;
    private final SessionIds ids;
    private final ListStore<Session> store;

    public SessionWindowOp(Operator child, Aggregate node, OutputMode mode, Set<String> watermarkedColumns) {
        super(node.schema(), child);
        this.node = node;
        this.mode = mode;
        Schema in = child.schema();
        int pos = -1;
        long g = 0;
        Evaluator t = null;
        boolean wm = false;
        keyEvals = new Evaluator[node.groupings().size()];
        List<Field> keyFields = new ArrayList<>();
        for (int i = 0; i < keyEvals.length; i++) {
            Expr e = ExprTypes.unalias(node.groupings().get(i));
            if (e instanceof Expr.SessionWindow sw) {
                pos = i;
                g = sw.gapMicros();
                t = ExprCompiler.compile(sw.time(), in);
                wm = sw.time() instanceof Expr.Col c && watermarkedColumns.contains(c.name());
            } else {
                keyEvals[i] = ExprCompiler.compile(e, in);
                keyFields.add(node.schema().field(i));
            }
        }
        sessionPos = pos;
        gap = g;
        time = t;
        watermarked = wm;
        aggArgs = new Evaluator[node.aggregates().size()];
        accs = new Accumulator[aggArgs.length];
        for (int a = 0; a < accs.length; a++) {
            Expr.Agg agg = (Expr.Agg) ExprTypes.unalias(node.aggregates().get(a));
            aggArgs[a] = agg.arg() == null ? null : ExprCompiler.compile(agg.arg(), in);
            accs[a] = Accumulators.create(agg.fn(), aggArgs[a] == null ? null : aggArgs[a].type());
        }
        ids = new SessionIds(accs);
        store = new ListStore<>("sessionWindowStateStoreSaveExec", SessionState.codec(keyFields, accs, ids), 64);
    }

    public boolean hasEventTimeEviction() {
        return watermarked;
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        store.beginBatch(ctx.batchId(), ctx.watermark(), ctx.lateWatermark());
        // as Spark's SessionWindowStateStoreRestoreExec: late rows are dropped in every output mode; only append
        // (and update) evict closed sessions, complete keeps them in its result
        boolean dropLate = watermarked && ctx.hasWatermark();
        boolean evict = dropLate && mode != OutputMode.COMPLETE;
        Column tc = time.eval(in);
        long[] t = Vectors.asLongs(tc);
        Column[] keys = new Column[keyEvals.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = keyEvals[i] == null ? null : keyEvals[i].eval(in);
        }
        store.values().forEach(l -> l.forEach(s -> s.updated = false));
        int n = in.numRows();
        int[] rowIds = new int[n];
        int[] rows = new int[n];
        int m = 0;
        Set<List<Object>> lateGroups = new HashSet<>();
        for (int r = 0; r < n; r++) {
            if (tc.isNull(r)) {
                continue;
            }
            if (dropLate && t[r] + gap <= ctx.lateWatermark()) { // late by the previous batch's watermark
                // counted as Spark counts them: after its partial aggregation, one row per (key, event time)
                List<Object> group = key(keys, r);
                group.add(t[r]);
                lateGroups.add(group);
                store.dropLate(in.row(r), t[r] + gap);
                continue;
            }
            rows[m] = r;
            rowIds[m++] = place(key(keys, r), t[r]);
        }
        for (int i = 0; i < m; i++) {
            rowIds[i] = ids.find(rowIds[i]);
        }
        for (int a = 0; a < accs.length; a++) {
            accs[a].update(rowIds, rows, m, aggArgs[a] == null ? null : aggArgs[a].eval(in));
        }
        List<Object[]> outKeys = new ArrayList<>();
        List<Session> outSessions = new ArrayList<>();
        int updated = select(
                x -> mode == OutputMode.COMPLETE || (mode == OutputMode.UPDATE && x.updated), outKeys, outSessions);
        int removed = evict ? evict(ctx.watermark(), outKeys, outSessions) : 0;
        Batch out = output(outKeys, outSessions);
        ids.releaseUnused(store.values());
        store.endBatch(updated, removed, lateGroups.size());
        return out;
    }

    private List<Object> key(Column[] keys, int r) {
        List<Object> k = new ArrayList<>(keys.length);
        for (Column c : keys) {
            if (c != null) {
                k.add(c.get(r));
            }
        }
        return k;
    }

    /** Puts [t, t + gap) into the key's sessions, merging overlaps; returns the (possibly merged) id. */
    private int place(List<Object> key, long t) {
        List<Session> list = store.get(key);
        if (list == null) {
            list = new ArrayList<>();
            store.put(key, list);
        }
        store.touch(key);
        Session target = null;
        for (int i = 0; i < list.size(); i++) {
            Session s = list.get(i);
            if (t < s.end && s.start < t + gap) {
                if (target == null) {
                    target = s;
                    target.start = Math.min(target.start, t);
                    target.end = Math.max(target.end, t + gap);
                } else {
                    mergeInto(target, s);
                    list.remove(i--);
                }
            }
        }
        if (target == null) {
            target = new Session(t, t + gap, ids.newId());
            list.add(target);
        }
        // a grown session may now overlap neighbours it did not overlap before
        for (int i = 0; i < list.size(); i++) {
            Session s = list.get(i);
            if (s != target && s.start < target.end && target.start < s.end) {
                mergeInto(target, s);
                list.remove(i--);
            }
        }
        target.updated = true;
        return target.id;
    }

    private void mergeInto(Session target, Session s) {
        target.start = Math.min(target.start, s.start);
        target.end = Math.max(target.end, s.end);
        for (Accumulator a : accs) {
            a.merge(target.id, s.id);
        }
        ids.mergedInto(s.id, target.id);
    }

    /** Closes the sessions ending at or before the watermark (append mode emits them); returns how many. */
    private int evict(long wm, List<Object[]> outKeys, List<Session> outSessions) {
        return store.evictWhere((k, s) -> s.end <= wm, (k, s) -> {
            if (mode == OutputMode.APPEND) {
                outKeys.add(k.toArray());
                outSessions.add(s);
            }
            s.updated = false;
        });
    }

    private Batch output(List<Object[]> keys, List<Session> list) {
        return SessionState.output(node.schema(), keyEvals.length, sessionPos, keys, list, accs);
    }

    @Override
    public ListStore<Session> store() {
        return store;
    }

    @Override
    public Batch stateRows() {
        List<Object[]> keys = new ArrayList<>();
        List<Session> list = new ArrayList<>();
        select(x -> true, keys, list);
        return output(keys, list);
    }

    /** Adds the sessions {@code pick} accepts (with their keys) in store order; returns how many are updated. */
    private int select(Predicate<Session> pick, List<Object[]> keys, List<Session> out) {
        int updated = 0;
        for (Map.Entry<List<Object>, List<Session>> e : store.entries().entrySet()) {
            for (Session s : e.getValue()) {
                updated += s.updated ? 1 : 0;
                if (pick.test(s)) {
                    keys.add(e.getKey().toArray());
                    out.add(s);
                }
            }
        }
        return updated;
    }

    @Override
    public boolean wantsNoDataBatch(long newWatermark) {
        return watermarked && mode != OutputMode.COMPLETE && store.watermarkAdvances(newWatermark);
    }

    @Override
    public String describe() {
        return "SessionWindowAggregate " + node.groupings() + " " + node.aggregates() + " mode=" + mode;
    }
}
