package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.internal.state.GroupTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins each stream batch with a static table (inner or left outer) through a hash index on the equality
 * conditions {@code streamCol = staticCol}; other conjuncts are applied after the match (inner joins only).
 * Stateless across batches: the index is built at the first batch, and again when a static table that is re-read
 * per batch gives other rows.
 */
public final class StreamStaticJoinOp implements Operator {
    private final Operator left;
    private final Operator right;
    private final Join node;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final DataType[] keyTypes;
    private final Expr residual;
    private final List<StaticScanOp> scans;
    private final boolean refreshing;
    // the index of the static side's current rows; rebuilt when a re-read static table gives new rows
    private List<Batch> scanned;
    private Batch indexed;
    private GroupTable index;
    private int[] firstRow;
    private int[] nextRow;
    private Batch staticWithNullRow;

    public StreamStaticJoinOp(Operator left, Operator right, Join node) {
        this.left = left;
        this.right = right;
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
            throw new UnsupportedOperationException("left outer stream-static joins support only equality conditions, "
                    + "not " + rest);
        }
        residual = rest.stream().reduce((a, b) -> new Expr.Binary(Expr.BinaryOp.AND, a, b)).orElse(null);
        leftKeys = pairs.stream().mapToInt(p -> p[0]).toArray();
        rightKeys = pairs.stream().mapToInt(p -> p[1]).toArray();
        keyTypes = new DataType[pairs.size()];
        for (int i = 0; i < keyTypes.length; i++) {
            keyTypes[i] = ls.field(pairs.get(i)[0]).type();
        }
        scans = new ArrayList<>();
        collectScans(right, scans);
        refreshing = scans.stream().anyMatch(StaticScanOp::refreshes);
    }

    private static void collectScans(Operator op, List<StaticScanOp> out) {
        if (op instanceof StaticScanOp s) {
            out.add(s);
        }
        op.children().forEach(c -> collectScans(c, out));
    }

    /**
     * The static side's rows, indexed: computed at the first batch (the static side may be a projection or filter of
     * a static table), and again at a later batch only if a re-read static table under it gave other rows.
     */
    private void staticSide(BatchContext ctx) {
        if (indexed != null && !refreshing) {
            return;
        }
        Batch rows = right.execute(ctx);
        List<Batch> now = scans.stream().map(StaticScanOp::data).toList();
        boolean same = scanned != null && now.size() == scanned.size();
        for (int i = 0; same && i < now.size(); i++) {
            same = now.get(i) == scanned.get(i);
        }
        if (indexed == null || !same) {
            index(rows);
            scanned = now;
        }
    }

    /** Builds the hash index over the static rows (again when a re-read static table gave other rows). */
    private void index(Batch data) {
        indexed = data;
        Keys k = new Keys(keyTypes.length);
        k.n = data.numRows();
        for (int i = 0; i < keyTypes.length; i++) {
            Column rc = dev.eddy.streaming.internal.expr.Casts.cast(data.column(rightKeys[i]), keyTypes[i]);
            fill(k, i, rc);
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
        if (!(c instanceof Expr.Binary b) || b.op() != Expr.BinaryOp.EQ
                || !(b.left() instanceof Expr.Col x) || !(b.right() instanceof Expr.Col y)) {
            return null;
        }
        int xi = joined.indexOf(x.name());
        int yi = joined.indexOf(y.name());
        if (xi < 0 || yi < 0) {
            return null;
        }
        int nl = ls.size();
        if (xi < nl && yi >= nl) {
            return new int[]{xi, yi - nl};
        }
        if (yi < nl && xi >= nl) {
            return new int[]{yi, xi - nl};
        }
        return null;
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
        Batch in = left.execute(ctx);
        staticSide(ctx);
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
        if (residual != null) {
            out = new FilterOp(new ConstantOp(out), residual).execute(ctx);
        }
        return out;
    }

    @Override
    public String describe() {
        return "StreamStaticHashJoin " + node.type() + " on " + node.condition();
    }

    /** Feeds one fixed batch to a FilterOp. */
    private record ConstantOp(Batch batch) implements Operator {
        @Override
        public Schema schema() {
            return batch.schema();
        }

        @Override
        public List<Operator> children() {
            return List.of();
        }

        @Override
        public Batch execute(BatchContext ctx) {
            return batch;
        }

        @Override
        public String describe() {
            return "Batch";
        }
    }
}
