package dev.eddy.sql.api;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.LogicalPlan;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * One catalog entry. A stream is an unbounded table read through a connector (options as written in
 * WITH, keys lower case); a table is bounded and its rows come from {@code snapshot} each time it is
 * queried (a CSV file, a Tablesaw table registered from Java, or the live result of a memory sink).
 * {@code source} is the engine plan of a stream registered from Java (a Dataset), else null.
 */
public record Relation(
        String name,
        Kind kind,
        Schema schema,
        Map<String, String> options,
        Optional<WatermarkSpec> watermark,
        Supplier<Table> snapshot,
        LogicalPlan source) {

    /** Stream (unbounded) or table (bounded). */
    public enum Kind {
        STREAM,
        TABLE;

        public String word() {
            return this == STREAM ? "stream" : "table";
        }
    }

    public Relation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(schema, "schema");
        options = Map.copyOf(options);
        Objects.requireNonNull(watermark, "watermark");
        if (kind == Kind.TABLE) {
            Objects.requireNonNull(snapshot, "a table needs a snapshot supplier");
        }
    }

    public static Relation stream(
            String name, Schema schema, Map<String, String> options, Optional<WatermarkSpec> watermark) {
        return new Relation(name, Kind.STREAM, schema, options, watermark, null, null);
    }

    /** A stream defined in Java: SQL reads it through the Dataset's own plan. */
    public static Relation javaStream(String name, LogicalPlan plan) {
        return new Relation(
                name, Kind.STREAM, plan.schema(), Map.of("connector", "java"), Optional.empty(), null, plan);
    }

    public static Relation table(String name, Schema schema, Map<String, String> options, Supplier<Table> snapshot) {
        return new Relation(name, Kind.TABLE, schema, options, Optional.empty(), snapshot, null);
    }

    public boolean isStream() {
        return kind == Kind.STREAM;
    }

    /** The connector option, e.g. "topic" or "file"; "java" for a table registered from Java. */
    public String connector() {
        return options.getOrDefault("connector", "java");
    }
}
