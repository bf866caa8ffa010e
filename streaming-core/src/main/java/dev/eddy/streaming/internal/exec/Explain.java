package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.LateRowsReport;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.internal.ops.BatchContext;
import dev.eddy.streaming.internal.ops.StatefulOperator;
import dev.eddy.streaming.internal.state.LateRows;
import dev.eddy.streaming.internal.table.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Text and learner views of a query: plans, watermark, late rows. */
public final class Explain {
    private Explain() {}

    public static String logical(LogicalPlan p) {
        return TreeText.of(p, LogicalPlan::describe, LogicalPlan::children);
    }

    public static String explain(LogicalPlan logical, PhysicalPlan physical) {
        return "== Logical Plan ==\n" + logical(logical) + "\n== Physical Plan ==\n" + physical.explain();
    }

    public static Optional<Instant> watermark(long micros) {
        return micros == BatchContext.NO_WATERMARK ? Optional.empty() : Optional.of(Tables.toInstant(micros));
    }

    public static LateRowsReport lateRows(PhysicalPlan plan) {
        long total = 0;
        List<LateRowsReport.DroppedRow> sample = new ArrayList<>();
        for (StatefulOperator op : plan.statefulOps()) {
            LateRows l = op.store().lateRows();
            total += l.total();
            for (LateRows.Dropped d : l.sample()) {
                sample.add(new LateRowsReport.DroppedRow(
                        d.batchId(),
                        d.row(),
                        Tables.toInstant(d.windowEndMicros()),
                        Tables.toInstant(d.watermarkMicros())));
            }
        }
        return new LateRowsReport(total, sample);
    }
}
