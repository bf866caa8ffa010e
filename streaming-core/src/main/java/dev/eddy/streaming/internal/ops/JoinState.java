package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.state.KeyedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link StreamStreamJoinOp}'s raw (checkpoint) state, one row per buffered row: the side ("left"/"right") and the
 * join key (a state group), matched, event time, then the joined columns of that side's row. Left groups come
 * before right groups.
 */
final class JoinState implements KeyedStore.Codec<List<JoinState.Stored>> {
    private final JoinConditions jc;
    private final Schema left;
    private final Schema right;
    private final Schema joined;
    private final Schema keySchema;
    private final Schema raw;

    JoinState(JoinConditions jc, Schema left, Schema right, Schema joined) {
        this.jc = jc;
        this.left = left;
        this.right = right;
        this.joined = joined;
        List<Field> f = new ArrayList<>(List.of(Field.of("__side", DataType.STRING)));
        for (int i = 0; i < jc.equi.size(); i++) {
            // a window key keeps its struct fields
            f.add(
                    keyType(i) == DataType.STRUCT
                            ? left.field(jc.equi.get(i)[0]).withName("__key" + i)
                            : Field.of("__key" + i, keyType(i)));
        }
        this.keySchema = Schema.of(f);
        List<Field> fields = new ArrayList<>(f);
        fields.add(Field.of("__matched", DataType.BOOLEAN));
        fields.add(Field.of("__time", DataType.LONG));
        fields.addAll(joined.fields());
        this.raw = Schema.of(fields);
    }

    /** A join key's type if both sides agree (for structs: with the same fields), else text. */
    private DataType keyType(int i) {
        int[] p = jc.equi.get(i);
        Field l = left.field(p[0]);
        Field r = right.field(p[1]);
        return l.type() == r.type() && l.children().equals(r.children()) ? l.type() : DataType.STRING;
    }

    @Override
    public Schema keySchema() {
        return keySchema;
    }

    /** The state key (side, then join key) as raw key values; a removed key is written as this row. */
    private Object[] keyValues(List<Object> key, int width) {
        Object[] vals = new Object[width];
        vals[0] = key.get(0);
        for (int i = 1; i < key.size(); i++) {
            Object v = key.get(i);
            vals[i] = keyType(i - 1) == DataType.STRING && v != null ? String.valueOf(v) : v;
        }
        return vals;
    }

    @Override
    public Batch encode(List<Map.Entry<List<Object>, List<Stored>>> entries) {
        BatchBuilder b = Batch.builder(raw);
        int k = keySchema.size();
        for (String side : List.of("left", "right")) {
            int offset = side.equals("left") ? 0 : left.size();
            for (Map.Entry<List<Object>, List<Stored>> e : entries) {
                if (!side.equals(e.getKey().get(0))) {
                    continue;
                }
                for (Stored st : e.getValue()) {
                    Object[] vals = keyValues(e.getKey(), raw.size());
                    vals[k] = st.matched;
                    vals[k + 1] = st.time;
                    Object[] row = st.row.values();
                    System.arraycopy(row, 0, vals, k + 2 + offset, row.length);
                    b.addRow(vals);
                }
            }
        }
        return b.build();
    }

    @Override
    public void decode(Batch rows, Map<List<Object>, List<Stored>> into) {
        int matched = rows.schema().require("__matched");
        int time = rows.schema().require("__time");
        for (Row r : rows) {
            boolean isLeft = "left".equals(r.getString(0));
            Schema side = isLeft ? left : right;
            Object[] vals = new Object[side.size()];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = r.get(time + 1 + (isLeft ? 0 : left.size()) + i);
            }
            Stored st = new Stored(Row.of(side, vals), r.getLong(time));
            st.matched = r.getBoolean(matched);
            List<Object> key = new ArrayList<>();
            key.add(isLeft ? "left" : "right");
            for (int[] p : jc.equi) {
                key.add(vals[isLeft ? p[0] : p[1]]);
            }
            into.computeIfAbsent(key, x -> new ArrayList<>()).add(st);
        }
    }

    /** A joined row of {@code a}'s values then {@code b}'s (nulls if b is null). */
    static Object[] concat(Schema joined, Object[] a, Object[] b) {
        Object[] all = new Object[joined.size()];
        System.arraycopy(a, 0, all, 0, a.length);
        if (b != null) {
            System.arraycopy(b, 0, all, a.length, b.length);
        }
        return all;
    }

    /** A joined row with nulls on the left and {@code rightValues} after the {@code nl} left columns. */
    static Object[] shifted(Schema joined, int nl, Object[] rightValues) {
        Object[] all = new Object[joined.size()];
        System.arraycopy(rightValues, 0, all, nl, rightValues.length);
        return all;
    }

    /** A buffered row of one side, with its event time and whether it has matched a row of the other side. */
    static final class Stored {
        final Row row;
        final long time;
        boolean matched;

        Stored(Row row, long time) {
            this.row = row;
            this.time = time;
        }
    }

    /** Adds a pair of {@code left} with each of {@code rights} (none when null). */
    static void pairUp(Stored left, List<Stored> rights, List<Stored[]> pairs) {
        if (rights != null) {
            for (Stored right : rights) {
                pairs.add(new Stored[] {left, right});
            }
        }
    }

    /** How many rows the groups hold. */
    static int size(Map<List<Object>, List<Stored>> groups) {
        int n = 0;
        for (List<Stored> rows : groups.values()) {
            n += rows.size();
        }
        return n;
    }
}
