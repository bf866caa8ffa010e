package dev.eddy.streaming.api.progress;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.Map;

/** One source's figures for a batch; offsets are the sources' own JSON (null before the first batch). */
@JsonPropertyOrder({
    "description",
    "startOffset",
    "endOffset",
    "latestOffset",
    "numInputRows",
    "inputRowsPerSecond",
    "processedRowsPerSecond",
    "metrics"
})
public record SourceProgress(
        String description,
        @JsonRawValue String startOffset,
        @JsonRawValue String endOffset,
        @JsonRawValue String latestOffset,
        long numInputRows,
        double inputRowsPerSecond,
        double processedRowsPerSecond,
        Map<String, String> metrics) {

    public SourceProgress {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** Without source metrics. */
    public SourceProgress(
            String description,
            String startOffset,
            String endOffset,
            String latestOffset,
            long numInputRows,
            double inputRowsPerSecond,
            double processedRowsPerSecond) {
        this(
                description,
                startOffset,
                endOffset,
                latestOffset,
                numInputRows,
                inputRowsPerSecond,
                processedRowsPerSecond,
                Map.of());
    }
}
