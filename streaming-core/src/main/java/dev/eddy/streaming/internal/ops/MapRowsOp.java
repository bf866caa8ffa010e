package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.MapRows;

import java.util.List;

/** Runs a user lambda per row over a Row view; the slow but flexible path. */
public final class MapRowsOp implements Operator {
    private final Operator child;
    private final MapRows node;

    public MapRowsOp(Operator child, MapRows node) {
        this.child = child;
        this.node = node;
    }

    @Override
    public Schema schema() {
        return node.schema();
    }

    @Override
    public List<Operator> children() {
        return List.of(child);
    }

    @Override
    public Batch execute(BatchContext ctx) {
        Batch in = child.execute(ctx);
        BatchBuilder out = Batch.builder(node.schema(), in.numRows());
        for (Row r : in) {
            node.function().flatMap(r, out::addRow);
        }
        return out.build();
    }

    @Override
    public String describe() {
        return node.describe();
    }
}
