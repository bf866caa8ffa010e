package dev.eddy.streaming.api;

import dev.eddy.streaming.api.data.Row;
import java.util.List;

/** Rows skipped because a user lambda threw on them (RowErrorPolicy.CONTINUE): total and the latest ones. */
public record ErrorRowsReport(long total, List<ErrorRow> sample) {
    public ErrorRowsReport {
        sample = List.copyOf(sample);
    }

    /** One skipped row, the batch it came in and the exception's text. */
    public record ErrorRow(long batchId, Row row, String error) {}
}
