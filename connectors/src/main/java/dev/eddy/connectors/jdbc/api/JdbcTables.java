package dev.eddy.connectors.jdbc.api;

import dev.eddy.connectors.jdbc.internal.JdbcTableProvider;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a database table as an engine batch from Java (the same reader as SQL's JDBC tables). */
public final class JdbcTables {
    private JdbcTables() {}

    /**
     * The rows of a table, in the given schema (its columns must exist in the table with fitting types).
     *
     * @param options {@code url}, {@code dbtable} or {@code table}, {@code user}, {@code password}, ... as for the sink
     */
    public static Batch read(Map<String, String> options, Schema schema) {
        Map<String, String> lower = new HashMap<>();
        options.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new JdbcTableProvider().open(lower, Optional.of(schema)).read(List.of());
    }
}
