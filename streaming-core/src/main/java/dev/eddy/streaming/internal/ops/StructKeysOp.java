package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StructColumn;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.Aggregate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A grouping by a struct column (Spark groups by the window struct {@code w} of a join on windows: {@code GROUP BY
 * w}): the aggregation groups by the struct's fields, each a key of its own ({@code w.start}, {@code w.end}), and this
 * operator puts them back together as the struct column of the aggregation's schema. A struct key carries its
 * watermark as Spark's does: by its last field, the window's end ({@code w.end <= watermark} evicts a group and drops a
 * late row). A struct whose fields are all NULL comes out as a NULL struct (a window is never a struct of NULLs).
 */
public final class StructKeysOp extends AbstractOperator {
    /** Per output column: the first input column it is made of, and how many (0 for a column passed as it is). */
    private final int[] from;

    private final int[] width;

    private StructKeysOp(Operator child, Schema schema, int[] from, int[] width) {
        super(schema, child);
        this.from = from;
        this.width = width;
    }

    /** The aggregation to run instead of {@code a}: its struct keys split into their fields; {@code a} if it has none. */
    public static Aggregate flatten(Aggregate a) {
        Schema in = a.child().schema();
        List<Expr> keys = new ArrayList<>();
        boolean split = false;
        for (Expr g : a.groupings()) {
            Expr u = ExprTypes.unalias(g);
            Field f = ExprTypes.field(g, in);
            if (f.type() == DataType.STRUCT && u instanceof Expr.Col c) {
                for (Field child : f.children()) {
                    keys.add(new Expr.Alias(new Expr.Col(c.name() + "." + child.name()), fieldKey(f, child)));
                }
                split = true;
            } else {
                keys.add(g);
            }
        }
        return split ? new Aggregate(a.child(), keys, a.aggregates()) : a;
    }

    /**
     * The watermarked columns {@code flat}'s aggregation sees: with the last field of each watermarked struct key
     * (Spark evicts a window struct by its end).
     */
    public static Set<String> watermarked(Aggregate original, Set<String> watermarked) {
        Set<String> out = new HashSet<>(watermarked);
        Schema in = original.child().schema();
        for (Expr g : original.groupings()) {
            Field f = ExprTypes.field(g, in);
            if (f.type() == DataType.STRUCT
                    && ExprTypes.unalias(g) instanceof Expr.Col c
                    && watermarked.contains(c.name())) {
                out.add(c.name() + "."
                        + f.children().get(f.children().size() - 1).name());
            }
        }
        return out;
    }

    /** Over the aggregation of {@link #flatten}{@code (original)}: its rows with {@code original}'s struct keys. */
    public static StructKeysOp over(Operator flatAggregate, Aggregate original) {
        Schema out = original.schema();
        int[] from = new int[out.size()];
        int[] width = new int[out.size()];
        int at = 0;
        for (int i = 0; i < out.size(); i++) {
            Field f = out.field(i);
            boolean struct = i < original.groupings().size()
                    && f.type() == DataType.STRUCT
                    && ExprTypes.unalias(original.groupings().get(i)) instanceof Expr.Col;
            from[i] = at;
            width[i] = struct ? f.children().size() : 0;
            at += struct ? f.children().size() : 1;
        }
        return new StructKeysOp(flatAggregate, out, from, width);
    }

    private static String fieldKey(Field struct, Field child) {
        return "__" + struct.name() + "_" + child.name();
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        int n = in.numRows();
        Schema schema = schema();
        Column[] cols = new Column[schema.size()];
        for (int i = 0; i < cols.length; i++) {
            if (width[i] == 0) {
                cols[i] = in.column(from[i]);
                continue;
            }
            Column[] kids = new Column[width[i]];
            for (int c = 0; c < kids.length; c++) {
                kids[c] = in.column(from[i] + c);
            }
            cols[i] = new StructColumn(schema.field(i).children(), kids, n, allNull(kids, n));
        }
        return Batch.of(schema, cols);
    }

    /** The bitmap of the rows where every field is NULL; null when there is none. */
    private static long[] allNull(Column[] kids, int n) {
        long[] bits = null;
        for (int r = 0; r < n; r++) {
            boolean all = true;
            for (Column k : kids) {
                all &= k.isNull(r);
            }
            if (all) {
                if (bits == null) {
                    bits = new long[(n + 63) >>> 6];
                }
                bits[r >>> 6] |= 1L << r;
            }
        }
        return bits;
    }

    @Override
    public String describe() {
        return "StructKeys " + schema();
    }
}
