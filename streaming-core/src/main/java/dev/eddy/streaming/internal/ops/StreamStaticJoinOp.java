package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.internal.expr.Casts;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import dev.eddy.streaming.internal.state.GroupTable;
import dev.eddy.streaming.internal.state.KeyColumns;
import dev.eddy.streaming.internal.state.Keys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins each stream batch with a static table (inner or left outer) through a hash index on the equality
 * conditions {@code streamCol = staticCol}; other conjuncts are applied after the match (inner joins only).
 * Stateless across batches: the index is built once when the operator is made.
 */
public final class StreamStaticJoinOp extends AbstractOperator {
    private final Join node;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final DataType[] keyTypes;
    private final Evaluator residual;
    /** The static batch the index was built from, and the index: rows by key, chained (-1 ends a chain). */
    private Batch indexed;

    private GroupTable index;
    private int[] firstRow;
    private int[] nextRow;
    private Batch staticWithNullRow;

    public StreamStaticJoinOp(Operator left, Operator right, Join node) {
        super(node.schema(), left, right);
        this.node = node;
        Schema ls = left.schema();
        Schema rs = right.schema();
        List<int[]> pairs = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        for (Expr c : conjuncts(node.condition())) {
            int[] pair = equiPair(c, ls, rs, node.schema());
            if (pair != null) {
                pairs.add(pair);
            } else {
                rest.add(c);
            }
        }
        if (pairs.isEmpty()) {
            throw new UnsupportedOperationException("a stream-static join needs at least one equality between a "
                    + "stream column and a static column, got " + node.condition());
        }
        if (!rest.isEmpty() && node.type() == Join.JoinType.LEFT_OUTER) {
            throw new UnsupportedOperationException(
                    "left outer stream-static joins support only equality conditions, " + "not " + rest);
        }
        residual = rest.stream()
                .reduce((a, b) -> new Expr.Binary(Expr.BinaryOp.AND, a, b))
                .map(e -> ExprCompiler.compile(e, node.schema()))
                .orElse(null);
        leftKeys = pairs.stream().mapToInt(p -> p[0]).toArray();
        rightKeys = pairs.stream().mapToInt(p -> p[1]).toArray();
        keyTypes = new DataType[pairs.size()];
        for (int i = 0; i < keyTypes.length; i++) {
            keyTypes[i] = ls.field(leftKeys[i]).type();
        }
    }

    /** Indexes the static side's rows by join key (once per static batch: a static table is the same every time). */
    private void buildIndex(Batch data) {
        Keys k = new Keys(keyTypes.length);
        k.n = data.numRows();
        for (int i = 0; i < keyTypes.length; i++) {
            fill(k, i, Casts.cast(data.column(rightKeys[i]), keyTypes[i]));
        }
        index = new GroupTable(keyTypes);
        int[] groups = new int[k.n];
        index.findOrInsert(k.longs, k.objs, k.nulls, k.n, groups);
        firstRow = new int[index.size()];
        Arrays.fill(firstRow, -1);
        nextRow = new int[k.n];
        for (int r = k.n - 1; r >= 0; r--) {
            boolean anyNull = false;
            for (boolean[] nk : k.nulls) {
                anyNull |= nk != null && nk[r];
            }
            if (!anyNull) {
                nextRow[r] = firstRow[groups[r]];
                firstRow[groups[r]] = r;
            }
        }
        BatchBuilder b = Batch.builder(data.schema(), data.numRows() + 1).appendBatch(data);
        staticWithNullRow = b.endRow().build();
        indexed = data;
    }

    private void fill(Keys k, int i, Column c) {
        if (keyTypes[i] == DataType.STRING) {
            k.objs[i] = KeyColumns.objects(c, null, c.size());
        } else {
            k.longs[i] = KeyColumns.longs(c, null, c.size());
        }
        k.nulls[i] = KeyColumns.nulls(c, null, c.size());
    }

    private static List<Expr> conjuncts(Expr e) {
        if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
            List<Expr> out = new ArrayList<>(conjuncts(b.left()));
            out.addAll(conjuncts(b.right()));
            return out;
        }
        return List.of(e);
    }

    /** {left index, right index} if c is leftCol = rightCol (either order), else null. */
    private static int[] equiPair(Expr c, Schema ls, Schema rs, Schema joined) {
        if (!(c instanceof Expr.Binary b)
                || b.op() != Expr.BinaryOp.EQ
                || !(b.left() instanceof Expr.Col x)
                || !(b.right() instanceof Expr.Col y)) {
            return null;
        }
        int xi = joined.indexOf(x.name());
        int yi = joined.indexOf(y.name());
        if (xi < 0 || yi < 0) {
            return null;
        }
        int nl = ls.size();
        if (xi < nl && yi >= nl) {
            return new int[] {xi, yi - nl};
        }
        if (yi < nl && xi >= nl) {
            return new int[] {yi, xi - nl};
        }
        return null;
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        if (inputs.get(1) != indexed) {
            buildIndex(inputs.get(1));
        }
        Keys k = new Keys(leftKeys.length);
        k.n = in.numRows();
        for (int i = 0; i < leftKeys.length; i++) {
            fill(k, i, in.column(leftKeys[i]));
        }
        int[] groups = new int[k.n];
        index.find(k.longs, k.objs, k.nulls, k.n, groups);
        int[] lrows = new int[Math.max(16, k.n)];
        int[] rrows = new int[lrows.length];
        int m = 0;
        boolean outer = node.type() == Join.JoinType.LEFT_OUTER;
        int nullRow = staticWithNullRow.numRows() - 1;
        for (int r = 0; r < k.n; r++) {
            int s = groups[r] < 0 ? -1 : firstRow[groups[r]];
            if (s < 0 && !outer) {
                continue;
            }
            do {
                if (m == lrows.length) {
                    lrows = Arrays.copyOf(lrows, m * 2);
                    rrows = Arrays.copyOf(rrows, m * 2);
                }
                lrows[m] = r;
                rrows[m++] = s < 0 ? nullRow : s;
                s = s < 0 ? -1 : nextRow[s];
            } while (s >= 0);
        }
        Column[] cols = new Column[node.schema().size()];
        for (int c = 0; c < in.numColumns(); c++) {
            cols[c] = in.column(c).gather(lrows, m);
        }
        for (int c = 0; c < staticWithNullRow.numColumns(); c++) {
            cols[in.numColumns() + c] = staticWithNullRow.column(c).gather(rrows, m);
        }
        Batch out = Batch.of(node.schema(), cols);
        return residual == null ? out : FilterOp.keep(out, residual);
    }

    @Override
    public String describe() {
        return "StreamStaticHashJoin " + node.type() + " on " + node.condition();
    }
}
