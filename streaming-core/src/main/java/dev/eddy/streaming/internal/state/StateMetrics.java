package dev.eddy.streaming.internal.state;

/** A stateful operator's figures for its last batch (Spark's stateOperators entry). */
public record StateMetrics(
        String operatorName,
        long numRowsTotal,
        long numRowsUpdated,
        long numRowsRemoved,
        long numRowsDroppedByWatermark,
        long memoryUsedBytes) {}
