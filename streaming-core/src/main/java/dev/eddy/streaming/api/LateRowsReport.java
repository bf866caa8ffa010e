package dev.eddy.streaming.api;

import dev.eddy.streaming.api.data.Row;
import java.time.Instant;
import java.util.List;

/** Rows dropped as late: total count and the latest ones with why (the window end and the watermark). */
public record LateRowsReport(long total, List<DroppedRow> sample) {
    public LateRowsReport {
        sample = List.copyOf(sample);
    }

    /** One dropped row: its batch, the row, the end of the window (or time) that was late, the watermark. */
    public record DroppedRow(long batchId, Row row, Instant lateTime, Instant watermark) {}
}
