package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.ForeachBatchFunction;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.internal.sink.MemoryTables;
import java.io.PrintStream;
import java.util.Map;

/** Everything a writer collected to start a query (engine-internal; used by the writer and test driver). */
public record QuerySpec(
        LogicalPlan plan,
        OutputMode mode,
        Trigger trigger,
        String queryName,
        String format,
        Map<String, String> options,
        String checkpointLocation,
        CheckpointStore checkpointStore,
        ForeachBatchFunction foreachBatch,
        PrintStream console,
        boolean noDataBatches,
        Clock clock,
        MemoryTables memoryTables) {}
