package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;

/**
 * What operators know about the micro-batch being run.
 *
 * <p>Two watermarks, Spark's (since SPARK-40925): a stateful operator evicts state and emits final rows by
 * {@code watermark}, the one this batch runs with (computed at the end of the previous batch), but drops an input
 * row as late only if it is at or below {@code lateWatermark}, the one the previous batch ran with. So a row that
 * only the newest watermark makes late still counts in the batch right after the watermark moved.
 *
 * @param batchId   the batch id
 * @param watermark the event-time watermark this batch evicts by (epoch micros), or {@link #NO_WATERMARK}
 * @param lateWatermark the watermark input rows are late by (the previous batch's; 0 in batch 0), or NO_WATERMARK
 * @param inputs    the source batches, by source index (empty batches in a no-data batch)
 * @param mode      the query's output mode
 * @param batchTimestampMillis the engine clock at the start of the batch (processing-time timeouts)
 */
public record BatchContext(
        long batchId, long watermark, long lateWatermark, Batch[] inputs, OutputMode mode, long batchTimestampMillis) {
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    /** A batch whose late-row watermark is its eviction watermark (tests of a single batch). */
    public BatchContext(long batchId, long watermark, Batch[] inputs, OutputMode mode, long batchTimestampMillis) {
        this(batchId, watermark, watermark, inputs, mode, batchTimestampMillis);
    }

    public boolean hasWatermark() {
        return watermark != NO_WATERMARK;
    }

    public Batch input(int sourceIndex) {
        return inputs[sourceIndex];
    }
}
