package dev.eddy.streaming.api.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * What is logged before batch {@code batchId} runs (Spark's offsets/N): each source's end offset as its
 * own JSON ({@code Offset.json()}; index = source index), the watermark the batch uses (epoch micros,
 * Long.MIN_VALUE for none), the batch's clock time, and the settings a restart must keep (Spark's
 * OffsetSeqMetadata conf, e.g. {@link #MULTIPLE_WATERMARK_POLICY}): a query resumed from this checkpoint runs
 * with these, whatever its session says now.
 */
public record OffsetLogEntry(
        long batchId,
        List<String> sourceOffsets,
        long watermarkMicros,
        long batchTimestampMillis,
        Map<String, String> conf) {
    /** Spark's key for the policy of several watermarks ("min" or "max"). */
    public static final String MULTIPLE_WATERMARK_POLICY = "spark.sql.streaming.multipleWatermarkPolicy";

    public OffsetLogEntry {
        sourceOffsets = List.copyOf(sourceOffsets);
        conf = Map.copyOf(conf);
    }

    /** An entry that records no settings (as an older checkpoint's). */
    public OffsetLogEntry(long batchId, List<String> sourceOffsets, long watermarkMicros, long batchTimestampMillis) {
        this(batchId, sourceOffsets, watermarkMicros, batchTimestampMillis, Map.of());
    }
}
