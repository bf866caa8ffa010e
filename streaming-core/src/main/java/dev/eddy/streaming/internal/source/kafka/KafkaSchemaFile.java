package dev.eddy.streaming.internal.source.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.streaming.internal.checkpoint.AtomicFiles;
import dev.eddy.streaming.internal.checkpoint.ChecksummedText;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.ValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code sources/<i>/schema} in a checkpoint: the value columns the query decodes with, written when the query
 * first starts (checksummed text, like the offsets log) and used by every restart, so a restarted query decodes
 * exactly as before even when {@code load()} inferred a different schema from a newer sample
 * ({@link KafkaValueLayout} fits the stored columns into the planned ones).
 */
final class KafkaSchemaFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaSchemaFile() {}

    /** The stored columns; when there are none yet, stores {@code columns} and returns them. */
    static List<ColumnSpec> storedOrStore(Path dir, String format, List<ColumnSpec> columns) {
        Path file = dir.resolve("schema");
        if (!Files.exists(file)) {
            AtomicFiles.write(file, ChecksummedText.encode(encode(format, columns)));
            return columns;
        }
        return decode(file, ChecksummedText.read(file));
    }

    static String describe(List<ColumnSpec> cols) {
        return cols.stream().map(c -> c.name() + " " + c.type().name()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String encode(String format, List<ColumnSpec> columns) {
        ObjectNode root = JSON.createObjectNode();
        root.put("valueFormat", format.toLowerCase(Locale.ROOT));
        ArrayNode cols = root.putArray("columns");
        columns.forEach(
                c -> cols.addObject().put("name", c.name()).put("type", c.type().name()));
        return root.toString();
    }

    private static List<ColumnSpec> decode(Path file, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<ColumnSpec> out = new ArrayList<>();
            for (JsonNode c : root.get("columns")) {
                out.add(new ColumnSpec(
                        c.get("name").asText(), ValueType.valueOf(c.get("type").asText())));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka source schema in " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Kafka source schema in " + file + " is not valid: " + json, e);
        }
    }
}
