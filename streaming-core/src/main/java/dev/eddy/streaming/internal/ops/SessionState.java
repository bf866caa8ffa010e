package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StructColumn;
import dev.eddy.streaming.internal.expr.Casts;
import dev.eddy.streaming.internal.ops.agg.Accumulator;
import dev.eddy.streaming.internal.state.KeyedStore;
import dev.eddy.streaming.internal.state.RawState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * {@link SessionWindowOp}'s output rows and raw (checkpoint) state: one raw row per open session, the grouping keys, session start and
 * end, then each accumulator's raw columns ({@link RawState}). A delta's group is a grouping key with all its
 * sessions, since sessions of a key merge and move.
 */
final class SessionState {
    private SessionState() {}

    private static Batch raw(
            List<Field> keyFields, List<Map.Entry<List<Object>, List<Session>>> groups, Accumulator[] accs) {
        List<Field> lead = new ArrayList<>(keyFields);
        lead.add(Field.of("session_start", DataType.TIMESTAMP));
        lead.add(Field.of("session_end", DataType.TIMESTAMP));
        int base = lead.size();
        var b = Batch.builder(Schema.of(lead));
        List<Integer> ids = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Session>> e : groups) {
            for (Session x : e.getValue()) {
                Object[] vals = new Object[base];
                for (int k = 0; k < e.getKey().size(); k++) {
                    vals[k] = e.getKey().get(k);
                }
                vals[base - 2] = x.start;
                vals[base - 1] = x.end;
                b.addRow(vals);
                ids.add(x.id);
            }
        }
        Batch keys = b.build();
        Column[] cols = new Column[base];
        for (int c = 0; c < base; c++) {
            cols[c] = keys.column(c);
        }
        int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
        return RawState.export(lead, cols, accs, idArray, idArray.length);
    }

    /** The raw state's codec for a {@link KeyedStore} of each key's sessions (ids for restored sessions from {@code ids}). */
    static KeyedStore.Codec<List<Session>> codec(List<Field> keyFields, Accumulator[] accs, SessionIds ids) {
        return new KeyedStore.Codec<>() {
            @Override
            public Schema keySchema() {
                return Schema.of(keyFields);
            }

            @Override
            public Batch encode(List<Map.Entry<List<Object>, List<Session>>> entries) {
                return raw(keyFields, entries, accs);
            }

            @Override
            public void decode(Batch raw, Map<List<Object>, List<Session>> into) {
                restore(raw, keyFields.size(), into, accs, ids::newId);
            }
        };
    }

    /** Adds the sessions of {@code raw} (ids from {@code newId}) and sets their accumulators. */
    private static void restore(
            Batch raw, int keyCount, Map<List<Object>, List<Session>> sessions, Accumulator[] accs, IntSupplier newId) {
        int n = raw.numRows();
        int[] ids = new int[n];
        for (int r = 0; r < n; r++) {
            List<Object> key = new ArrayList<>();
            for (int k = 0; k < keyCount; k++) {
                key.add(raw.column(k).get(r));
            }
            Session s = new Session(
                    (Long) raw.column(keyCount).get(r),
                    (Long) raw.column(keyCount + 1).get(r),
                    newId.getAsInt());
            sessions.computeIfAbsent(key, x -> new ArrayList<>()).add(s);
            ids[r] = s.id;
        }
        RawState.importAccumulators(accs, raw, keyCount + 2, ids, n);
    }

    /** The operator's output rows for sessions {@code list} of {@code keys} (the session at {@code sessionPos}). */
    static Batch output(
            Schema s, int groupings, int sessionPos, List<Object[]> keys, List<Session> list, Accumulator[] accs) {
        int n = list.size();
        int[] ids = new int[n];
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            Session x = list.get(i);
            ids[i] = x.id;
            starts[i] = x.start;
            ends[i] = x.end;
        }
        Column[] cols = new Column[s.size()];
        var kb = Batch.builder(s, n);
        for (int i = 0; i < n; i++) {
            Object[] vals = new Object[s.size()];
            int k = 0;
            for (int g = 0; g < groupings; g++) {
                if (g != sessionPos) {
                    vals[g] = keys.get(i)[k++];
                }
            }
            kb.addRow(vals);
        }
        Batch keyBatch = kb.build();
        for (int g = 0; g < groupings; g++) {
            cols[g] = g == sessionPos
                    ? new StructColumn(
                            s.field(g).children(),
                            new Column[] {
                                new LongColumn(DataType.TIMESTAMP, starts, n, null),
                                new LongColumn(DataType.TIMESTAMP, ends, n, null)
                            },
                            n,
                            null)
                    : keyBatch.column(g);
        }
        for (int a = 0; a < accs.length; a++) {
            cols[groupings + a] =
                    Casts.cast(accs[a].result(ids, n), s.field(groupings + a).type());
        }
        return Batch.of(s, cols);
    }
}
