package dev.eddy.streaming.api.checkpoint;

import java.util.List;

/**
 * What is logged before batch {@code batchId} runs (Spark's offsets/N): each source's end offset as its
 * own JSON ({@code Offset.json()}; index = source index), the watermark the batch uses (epoch micros,
 * Long.MIN_VALUE for none) and the batch's clock time.
 */
public record OffsetLogEntry(long batchId, List<String> sourceOffsets, long watermarkMicros,
                             long batchTimestampMillis) {
    public OffsetLogEntry {
        sourceOffsets = List.copyOf(sourceOffsets);
    }
}
