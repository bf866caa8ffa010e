package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.ErrorRowsReport;
import dev.eddy.streaming.api.RowErrorPolicy;
import dev.eddy.streaming.api.RowProcessingException;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.plan.MapRows;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Runs a user lambda per row over a Row view; the slow but flexible path. */
public final class MapRowsOp extends AbstractOperator {
    private final MapRows node;
    private final Errors errors = new Errors();

    public MapRowsOp(Operator child, MapRows node) {
        super(node.schema(), child);
        this.node = node;
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        BatchBuilder out = Batch.builder(node.schema(), in.numRows());
        List<Object[]> rowOut = new ArrayList<>();
        for (Row r : in) {
            rowOut.clear();
            try {
                node.function().flatMap(r, values -> rowOut.add(values.clone()));
                for (Object[] v : rowOut) {
                    out.addRow(v);
                }
            } catch (RuntimeException e) {
                if (node.onError() == RowErrorPolicy.FAIL) {
                    throw new RowProcessingException(node.description() + " failed on row " + r + ": " + e, e);
                }
                errors.add(new ErrorRowsReport.ErrorRow(ctx.batchId(), r.copy(), e.toString()));
            }
        }
        return out.build();
    }

    /** Rows skipped under RowErrorPolicy.CONTINUE (thread-safe snapshot). */
    public synchronized ErrorRowsReport errorRows() {
        return new ErrorRowsReport(errors.total, List.copyOf(errors.sample));
    }

    /** Count and bounded sample, guarded by the operator's monitor. */
    private final class Errors {
        long total;
        final ArrayDeque<ErrorRowsReport.ErrorRow> sample = new ArrayDeque<>();

        void add(ErrorRowsReport.ErrorRow e) {
            synchronized (MapRowsOp.this) {
                total++;
                if (sample.size() == 100) {
                    sample.removeFirst();
                }
                sample.addLast(e);
            }
        }
    }

    @Override
    public String describe() {
        return node.describe();
    }
}
