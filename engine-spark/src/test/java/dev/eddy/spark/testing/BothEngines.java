package dev.eddy.spark.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * What the tests that run one query on the embedded engine and on Spark compare: the input events they share, the
 * final tables as text and the batches in the progress reports.
 */
public final class BothEngines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BothEngines() {}

    /** One JSON input record: a player's score {@code n} at {@code time} (HH:mm:ss) on 2026-01-01, UTC. */
    public static String event(String player, long n, String time) {
        return "{\"player\": \"" + player + "\", \"n\": " + n + ", \"ts\": \"2026-01-01T" + time + "Z\"}";
    }

    /** A table as one {@code column=value, ...} line per row, sorted (the engines need not agree on row order). */
    public static List<String> rows(Table t) {
        List<String> out = new ArrayList<>();
        for (Row r : t) {
            List<String> cells = new ArrayList<>();
            for (String c : t.columnNames()) {
                cells.add(c + "=" + r.getObject(c));
            }
            out.add(String.join(", ", cells));
        }
        out.sort(null);
        return out;
    }

    /** A progress report's batch: {@code batch <id>: <n> rows}. */
    public static String batchAndRows(JsonNode progress) {
        return "batch " + progress.get("batchId").asLong() + ": "
                + progress.get("numInputRows").asLong() + " rows";
    }

    /** {@code text} read as JSON (a progress report, or an offset inside one). */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
