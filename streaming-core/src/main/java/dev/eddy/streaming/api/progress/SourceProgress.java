package dev.eddy.streaming.api.progress;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** One source's figures for a batch; offsets are the sources' own JSON (null before the first batch). */
@JsonPropertyOrder({"description", "startOffset", "endOffset", "latestOffset", "numInputRows", "inputRowsPerSecond",
        "processedRowsPerSecond"})
public record SourceProgress(String description, @JsonRawValue String startOffset, @JsonRawValue String endOffset,
                             @JsonRawValue String latestOffset, long numInputRows, double inputRowsPerSecond,
                             double processedRowsPerSecond) {
}
