package dev.eddy.streaming.api;

import tech.tablesaw.api.Table;

/** User code called with every micro-batch's output and its batch id (on the query thread). */
@FunctionalInterface
public interface ForeachBatchFunction {
    void call(Table batch, long batchId);
}
