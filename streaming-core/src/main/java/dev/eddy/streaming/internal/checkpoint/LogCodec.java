package dev.eddy.streaming.internal.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** JSON bodies of the metadata, offsets and commits files. */
final class LogCodec {
    static final ObjectMapper JSON = new ObjectMapper();

    private LogCodec() {}

    static String offsets(OffsetLogEntry e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("batchId", e.batchId());
        o.put("batchWatermarkMicros", e.watermarkMicros());
        o.put("batchTimestampMs", e.batchTimestampMillis());
        ArrayNode src = o.putArray("sources");
        for (String s : e.sourceOffsets()) {
            try {
                src.add(JSON.readTree(s));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("a source offset is not JSON: " + s, ex);
            }
        }
        if (!e.conf().isEmpty()) {
            ObjectNode conf = o.putObject("conf");
            new TreeMap<>(e.conf()).forEach(conf::put);
        }
        return o.toString();
    }

    static OffsetLogEntry offsets(Path file, String body) {
        JsonNode o = tree(file, body);
        List<String> sources = new ArrayList<>();
        for (JsonNode s : o.path("sources")) {
            sources.add(s.toString());
        }
        Map<String, String> conf = new LinkedHashMap<>();
        o.path("conf")
                .fields()
                .forEachRemaining(c -> conf.put(c.getKey(), c.getValue().asText()));
        return new OffsetLogEntry(
                o.path("batchId").asLong(),
                sources,
                o.path("batchWatermarkMicros").asLong(),
                o.path("batchTimestampMs").asLong(),
                conf);
    }

    static String commit(long batchId, long nextWatermark) {
        ObjectNode o = JSON.createObjectNode();
        o.put("batchId", batchId);
        o.put("nextBatchWatermarkMicros", nextWatermark);
        return o.toString();
    }

    static long commitWatermark(Path file, String body) {
        return tree(file, body).path("nextBatchWatermarkMicros").asLong();
    }

    static String metadata(UUID id, List<String> stateful, int numSources) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id.toString());
        o.put("numSources", numSources);
        ArrayNode ops = o.putArray("statefulOperators");
        stateful.forEach(ops::add);
        return o.toString();
    }

    static JsonNode tree(Path file, String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CorruptCheckpointException(file, "not valid JSON: " + e.getOriginalMessage());
        }
    }
}
