package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.List;

/** UNION ALL: the inputs' batches one after the other, under the first input's column names. */
public final class UnionOp extends AbstractOperator {
    public UnionOp(List<Operator> inputs, Schema schema) {
        super(schema, inputs);
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        List<Batch> parts = new ArrayList<>();
        Schema schema = schema();
        for (Batch b : inputs) {
            Column[] cols = new Column[b.numColumns()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = b.column(i);
            }
            parts.add(Batch.of(schema, cols));
        }
        return Batch.concat(schema, parts);
    }

    @Override
    public String describe() {
        return "Union";
    }
}
