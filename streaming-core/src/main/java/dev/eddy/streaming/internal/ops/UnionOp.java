package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.Schema;

import java.util.ArrayList;
import java.util.List;

/** UNION ALL: the inputs' batches one after the other, under the first input's column names. */
public final class UnionOp implements Operator {
    private final List<Operator> inputs;
    private final Schema schema;

    public UnionOp(List<Operator> inputs, Schema schema) {
        this.inputs = List.copyOf(inputs);
        this.schema = schema;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public List<Operator> children() {
        return inputs;
    }

    @Override
    public Batch execute(BatchContext ctx) {
        List<Batch> parts = new ArrayList<>();
        for (Operator in : inputs) {
            Batch b = in.execute(ctx);
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
