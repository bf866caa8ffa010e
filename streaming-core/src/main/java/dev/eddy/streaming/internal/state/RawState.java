package dev.eddy.streaming.internal.state;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw (checkpoint) form of group-table state: leading key columns (what a
 * state delta groups by), then each accumulator's raw columns named {@code agg<i>_...}.
 */
public final class RawState {
    private RawState() {}

    /** The key columns {@code lead} (already gathered for the n groups) followed by the accumulators of {@code ids}. */
    public static Batch export(List<Field> leadFields, Column[] lead, GroupValues[] accs, int[] ids, int n) {
        List<Field> fields = new ArrayList<>(leadFields);
        List<Column> cols = new ArrayList<>(List.of(lead));
        for (int a = 0; a < accs.length; a++) {
            fields.addAll(accs[a].rawFields("agg" + a + "_"));
            cols.addAll(List.of(accs[a].exportRaw(ids, n)));
        }
        return Batch.of(Schema.of(fields), cols.toArray(Column[]::new));
    }

    /** Sets the accumulators of {@code ids[i]} from row i of {@code raw}, whose accumulator columns start at {@code first}. */
    public static void importAccumulators(GroupValues[] accs, Batch raw, int first, int[] ids, int n) {
        int col = first;
        for (GroupValues a : accs) {
            int w = a.rawFields("").size();
            Column[] part = new Column[w];
            for (int j = 0; j < w; j++) {
                part[j] = raw.column(col + j);
            }
            a.importRaw(part, ids, n);
            col += w;
        }
    }

    /** The first {@code types.length} columns of {@code raw} as group-table keys. */
    public static Keys keys(Batch raw, DataType[] types) {
        Keys k = new Keys(types.length);
        k.n = raw.numRows();
        for (int i = 0; i < types.length; i++) {
            Column c = raw.column(i);
            if (types[i] == DataType.STRING) {
                k.objs[i] = KeyColumns.objects(c, null, k.n);
            } else {
                k.longs[i] = KeyColumns.longs(c, null, k.n);
            }
            k.nulls[i] = KeyColumns.nulls(c, null, k.n);
        }
        return k;
    }

    /** The key columns of {@code groups[0..n)} of a group table. */
    public static Column[] tableKeys(GroupTable table, DataType[] types, int[] groups, int n) {
        Column[] cols = new Column[types.length];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = KeyColumns.fromTable(table, i, types[i], groups, n);
        }
        return cols;
    }

    /** The key fields {@code key0, key1, ...} of a group table's raw state. */
    public static List<Field> keyFields(DataType[] types) {
        List<Field> f = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            f.add(Field.of("key" + i, types[i]));
        }
        return f;
    }

    /** Group ids 0..n-1. */
    public static int[] all(int n) {
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = i;
        }
        return g;
    }
}
