package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;

/**
 * What operators know about the micro-batch being run.
 *
 * @param batchId   the batch id
 * @param watermark the event-time watermark this batch uses (epoch micros), or {@link #NO_WATERMARK}
 * @param inputs    the source batches, by source index (empty batches in a no-data batch)
 * @param mode      the query's output mode
 * @param batchTimestampMillis the engine clock at the start of the batch (processing-time timeouts)
 */
public record BatchContext(long batchId, long watermark, Batch[] inputs, OutputMode mode, long batchTimestampMillis) {
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    public boolean hasWatermark() {
        return watermark != NO_WATERMARK;
    }

    public Batch input(int sourceIndex) {
        return inputs[sourceIndex];
    }
}
