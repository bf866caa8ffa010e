package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.StructColumn;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.AssignWindows;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import dev.eddy.streaming.internal.expr.Vectors;
import dev.eddy.streaming.internal.window.WindowAssigner;
import java.util.Arrays;
import java.util.List;

/**
 * {@link AssignWindows}: each row once per window containing its time (latest window first, as Spark's Expand lists
 * them), with the window struct appended; rows with a null time are left out.
 */
public final class AssignWindowsOp extends AbstractOperator {
    private final AssignWindows node;
    private final Evaluator time;
    private final WindowAssigner windows;

    public AssignWindowsOp(Operator child, AssignWindows node) {
        super(node.schema(), child);
        this.node = node;
        Expr.Window w = node.window();
        this.time = ExprCompiler.compile(w.time(), child.schema());
        this.windows = WindowAssigner.of(w.sizeMicros(), w.slideMicros(), w.offsetMicros());
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        Column t = time.eval(in);
        long[] times = Vectors.asLongs(t);
        long[] nulls = Vectors.nullsOf(t);
        int n = in.numRows();
        int per = windows.maxWindowsPerTime();
        int[] rows = new int[Math.max(16, n * per)];
        long[] starts = new long[rows.length];
        long[] found = new long[per];
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (Vectors.isNull(nulls, r)) {
                continue;
            }
            int k = windows.assign(times[r], found, 0);
            for (int i = 0; i < k; i++) {
                if (m == rows.length) {
                    rows = Arrays.copyOf(rows, m * 2);
                    starts = Arrays.copyOf(starts, m * 2);
                }
                rows[m] = r;
                starts[m++] = found[i];
            }
        }
        Column[] cols = new Column[in.numColumns() + 1];
        for (int c = 0; c < in.numColumns(); c++) {
            cols[c] = in.column(c).gather(rows, m);
        }
        long[] s = Arrays.copyOf(starts, m);
        long[] e = new long[m];
        for (int i = 0; i < m; i++) {
            e[i] = s[i] + windows.size();
        }
        cols[cols.length - 1] = new StructColumn(
                ExprTypes.WINDOW_FIELD.children(),
                new Column[] {
                    new LongColumn(DataType.TIMESTAMP, s, m, null), new LongColumn(DataType.TIMESTAMP, e, m, null)
                },
                m,
                null);
        return Batch.of(node.schema(), cols);
    }

    @Override
    public String describe() {
        return node.describe();
    }
}
