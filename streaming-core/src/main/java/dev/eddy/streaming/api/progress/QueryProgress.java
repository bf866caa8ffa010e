package dev.eddy.streaming.api.progress;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/**
 * One micro-batch's progress report, with Spark's field names. {@code eventTime} holds avg/max/min of
 * the batch's event times and the watermark the batch used, as ISO-8601 UTC strings (absent when the query
 * has no watermark or no event times).
 */
@JsonPropertyOrder({
    "id",
    "runId",
    "name",
    "timestamp",
    "batchId",
    "numInputRows",
    "inputRowsPerSecond",
    "processedRowsPerSecond",
    "durationMs",
    "eventTime",
    "stateOperators",
    "sources",
    "sink"
})
public record QueryProgress(
        String id,
        String runId,
        String name,
        String timestamp,
        long batchId,
        long numInputRows,
        double inputRowsPerSecond,
        double processedRowsPerSecond,
        Map<String, Long> durationMs,
        Map<String, String> eventTime,
        List<StateOperatorProgress> stateOperators,
        List<SourceProgress> sources,
        SinkProgress sink) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public QueryProgress {
        durationMs = Map.copyOf(durationMs);
        eventTime = Map.copyOf(eventTime);
        stateOperators = List.copyOf(stateOperators);
        sources = List.copyOf(sources);
    }

    /** Compact JSON. */
    public String json() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String prettyJson() {
        try {
            return MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows written to the sink by this batch. */
    public long numOutputRows() {
        return sink.numOutputRows();
    }

    @Override
    public String toString() {
        return prettyJson();
    }
}
