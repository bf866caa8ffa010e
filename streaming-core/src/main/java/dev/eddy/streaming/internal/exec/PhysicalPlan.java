package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.ErrorRowsReport;
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.internal.ops.MapRowsOp;
import dev.eddy.streaming.internal.ops.Operator;
import dev.eddy.streaming.internal.ops.StatefulOperator;
import dev.eddy.streaming.internal.ops.WatermarkOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A planned query: the operator tree, its streaming scans (by source index), watermark operators,
 * stateful operators (in plan order), the result's key columns (for update-mode sinks) and, per scan, the columns
 * the query reads ({@link ScanColumns}; a null entry or an empty list: all of them).
 */
public record PhysicalPlan(
        Operator root,
        List<Scan> scans,
        List<WatermarkOp> watermarks,
        List<StatefulOperator> statefulOps,
        List<String> keyColumns,
        List<Set<String>> scanColumns) {

    /** A plan whose scans deliver every column. */
    public PhysicalPlan(
            Operator root,
            List<Scan> scans,
            List<WatermarkOp> watermarks,
            List<StatefulOperator> statefulOps,
            List<String> keyColumns) {
        this(root, scans, watermarks, statefulOps, keyColumns, List.of());
    }

    /** The columns scan {@code i} must deliver, or null for all of them. */
    public Set<String> readColumns(int i) {
        return i < scanColumns.size() ? scanColumns.get(i) : null;
    }

    /** Rows skipped by lambdas with RowErrorPolicy.CONTINUE, over all of them. */
    public ErrorRowsReport errorRows() {
        long total = 0;
        List<ErrorRowsReport.ErrorRow> sample = new ArrayList<>();
        for (MapRowsOp m : mappers(root, new ArrayList<>())) {
            ErrorRowsReport r = m.errorRows();
            total += r.total();
            sample.addAll(r.sample());
        }
        return new ErrorRowsReport(total, sample);
    }

    private static List<MapRowsOp> mappers(Operator op, List<MapRowsOp> out) {
        if (op instanceof MapRowsOp m) {
            out.add(m);
        }
        for (Operator c : op.children()) {
            mappers(c, out);
        }
        return out;
    }

    /** The operator tree as indented text. */
    public String explain() {
        return TreeText.of(root, Operator::describe, Operator::children);
    }
}
