package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.FlatMapGroupsWithState;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Sort;
import dev.eddy.streaming.internal.ops.AggregateOp;
import dev.eddy.streaming.internal.ops.SessionWindowOp;
import dev.eddy.streaming.internal.ops.StatefulOperator;
import dev.eddy.streaming.internal.ops.StreamStreamJoinOp;

/** Spark's output-mode rules, checked when a query starts; the message names the rule. */
final class OutputModeChecker {
    private OutputModeChecker() {}

    static void check(LogicalPlan logical, PhysicalPlan plan, OutputMode mode) {
        int aggregates = count(logical);
        if (has(logical, Sort.class) && logical.isStreaming() && (aggregates == 0 || mode != OutputMode.COMPLETE)) {
            if (onlyLimits(logical)) {
                throw new UnsupportedOperationException("A limit on a streaming DataFrame/Dataset is supported only "
                        + "on an aggregated DataFrame/Dataset in Complete output mode");
            }
            throw new UnsupportedOperationException("Sorting is not supported on streaming DataFrames/Datasets, "
                    + "unless it is on aggregated DataFrame/Dataset in Complete output mode");
        }
        if (aggregates > 1) {
            throw new UnsupportedOperationException("Multiple streaming aggregations are not supported with "
                    + "streaming DataFrames/Datasets (found " + aggregates + ")");
        }
        if (aggregates == 0 && mode == OutputMode.COMPLETE) {
            throw new UnsupportedOperationException("Complete output mode not supported when there are no streaming "
                    + "aggregations on streaming DataFrames/Datasets: complete mode rewrites the whole result each "
                    + "trigger, which needs an aggregation to keep it bounded");
        }
        if (mode == OutputMode.COMPLETE && has(logical, FlatMapGroupsWithState.class)) {
            throw new UnsupportedOperationException(
                    "Complete output mode not supported with flatMapGroupsWithState: " + "use append or update");
        }
        for (StatefulOperator op : plan.statefulOps()) {
            if (op instanceof StreamStreamJoinOp && mode != OutputMode.APPEND) {
                throw new UnsupportedOperationException(mode + " output mode not supported for a join between two "
                        + "streaming DataFrames/Datasets: joined rows are final once emitted, use append");
            }
            boolean bounded = op instanceof AggregateOp agg
                    ? agg.hasEventTimeEviction()
                    : !(op instanceof SessionWindowOp s) || s.hasEventTimeEviction();
            if (mode == OutputMode.APPEND && !bounded) {
                throw new UnsupportedOperationException("Append output mode not supported when there are streaming "
                        + "aggregations on streaming DataFrames/DataSets without watermark: a group's row can only "
                        + "be appended once it is final, i.e. when the watermark passes its window end; add "
                        + "withWatermark(...) on the window's time column, or use update or complete mode");
            }
        }
    }

    private static boolean has(LogicalPlan p, Class<?> type) {
        return type.isInstance(p) || p.children().stream().anyMatch(c -> has(c, type));
    }

    /** Every Sort in the plan is a bare limit (no sort keys). */
    private static boolean onlyLimits(LogicalPlan p) {
        if (p instanceof Sort s && !s.orders().isEmpty()) {
            return false;
        }
        return p.children().stream().allMatch(OutputModeChecker::onlyLimits);
    }

    private static int count(LogicalPlan p) {
        int n = p instanceof Aggregate && p.isStreaming() ? 1 : 0;
        for (LogicalPlan c : p.children()) {
            n += count(c);
        }
        return n;
    }
}
