package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.StringColumn;
import dev.eddy.streaming.api.plan.Generate;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** explode(split(str, regex)): one row per part, keeping the input's columns (Spark keeps empty parts). */
public final class GenerateOp extends AbstractOperator {
    private final Generate node;
    private final Evaluator input;
    private final Pattern pattern;

    public GenerateOp(Operator child, Generate node) {
        super(node.schema(), child);
        this.node = node;
        this.input = ExprCompiler.compile(node.input(), child.schema());
        this.pattern = Pattern.compile(node.regex());
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        String[] strs = ((StringColumn) input.eval(in)).values();
        int n = in.numRows();
        int[] rows = new int[Math.max(16, n * 2)];
        String[] parts = new String[rows.length];
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (strs[r] == null) {
                continue;
            }
            for (String p : pattern.split(strs[r], -1)) {
                if (m == rows.length) {
                    rows = Arrays.copyOf(rows, m * 2);
                    parts = Arrays.copyOf(parts, m * 2);
                }
                rows[m] = r;
                parts[m++] = p;
            }
        }
        Column[] cols = new Column[in.numColumns() + 1];
        for (int c = 0; c < in.numColumns(); c++) {
            cols[c] = in.column(c).gather(rows, m);
        }
        cols[cols.length - 1] = new StringColumn(parts, m);
        return Batch.of(node.schema(), cols);
    }

    @Override
    public String describe() {
        return node.describe();
    }
}
