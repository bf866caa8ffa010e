package dev.eddy.streaming.api.progress;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One stateful operator's figures for a batch (Spark's stateOperators entry). */
@JsonPropertyOrder({
    "operatorName",
    "numRowsTotal",
    "numRowsUpdated",
    "numRowsRemoved",
    "numRowsDroppedByWatermark",
    "memoryUsedBytes"
})
public record StateOperatorProgress(
        String operatorName,
        long numRowsTotal,
        long numRowsUpdated,
        long numRowsRemoved,
        long numRowsDroppedByWatermark,
        long memoryUsedBytes) {}
