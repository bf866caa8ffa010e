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
import java.util.stream.Collectors;

/**
 * {@code sources/<i>/schema} in a checkpoint: the value columns the query decodes with, written when the query
 * first starts (checksummed text, like the offsets log). A restart must decode the same way: when the schema the
 * reader resolved now (inferred again, or declared) differs, the query does not start and the error names both.
 */
final class KafkaSchemaFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaSchemaFile() {
    }

    static void checkOrStore(Path dir, String format, List<ColumnSpec> columns) {
        Path file = dir.resolve("schema");
        if (!Files.exists(file)) {
            AtomicFiles.write(file, ChecksummedText.encode(encode(format, columns)));
            return;
        }
        List<ColumnSpec> stored = decode(file, ChecksummedText.read(file));
        if (!stored.equals(columns)) {
            throw new IllegalArgumentException("the checkpoint's Kafka source decodes " + format + " values with "
                    + describe(stored) + " (stored in " + file + " when the query first ran), but this query's "
                    + "value schema is " + describe(columns) + " (inferred again from a different sample, or "
                    + "declared differently). Declare the stored schema with .schema(...) to resume, or use a new "
                    + "checkpoint location");
        }
    }

    static String describe(List<ColumnSpec> cols) {
        return cols.stream().map(c -> c.name() + " " + c.type().name()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String encode(String format, List<ColumnSpec> columns) {
        ObjectNode root = JSON.createObjectNode();
        root.put("valueFormat", format.toLowerCase(java.util.Locale.ROOT));
        ArrayNode cols = root.putArray("columns");
        columns.forEach(c -> cols.addObject().put("name", c.name()).put("type", c.type().name()));
        return root.toString();
    }

    private static List<ColumnSpec> decode(Path file, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<ColumnSpec> out = new ArrayList<>();
            for (JsonNode c : root.get("columns")) {
                out.add(new ColumnSpec(c.get("name").asText(), ValueType.valueOf(c.get("type").asText())));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka source schema in " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Kafka source schema in " + file + " is not valid: " + json, e);
        }
    }
}
