package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.data.DataType;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the JDBC sink needs to know about a database, chosen by the URL's prefix. Upserts (update mode) use
 * {@code INSERT ... ON CONFLICT (key) DO UPDATE}, which PostgreSQL, DuckDB and SQLite have; any other database gets
 * append and complete mode only, and an update-mode query is refused at start. PostgreSQL writes with COPY.
 */
enum Dialect {
    POSTGRESQL("PostgreSQL", true, "TEXT", "TIMESTAMPTZ", "DOUBLE PRECISION"),
    DUCKDB("DuckDB", true, "VARCHAR", "TIMESTAMPTZ", "DOUBLE"),
    SQLITE("SQLite", true, "TEXT", "TIMESTAMP", "DOUBLE PRECISION"),
    GENERIC("generic JDBC", false, "VARCHAR(4000)", "TIMESTAMP", "DOUBLE PRECISION");

    private final String label;
    private final boolean upserts;
    private final String text;
    private final String timestamp;
    private final String dbl;

    Dialect(String label, boolean upserts, String text, String timestamp, String dbl) {
        this.label = label;
        this.upserts = upserts;
        this.text = text;
        this.timestamp = timestamp;
        this.dbl = dbl;
    }

    static Dialect of(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:duckdb:")) {
            return DUCKDB;
        }
        if (u.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        return GENERIC;
    }

    String label() {
        return label;
    }

    boolean upserts() {
        return upserts;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    String typeName(DataType t) {
        return switch (t) {
            case BOOLEAN -> "BOOLEAN";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DOUBLE -> dbl;
            case STRING -> text;
            case TIMESTAMP -> timestamp;
            case DATE -> "DATE";
            case STRUCT -> throw new IllegalArgumentException("no SQL type for a struct");
            case INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH ->
                throw new IllegalArgumentException("no SQL type for an interval (" + t.sqlName()
                        + "): write it as CAST(x AS STRING), or as a number (datediff, unix_seconds differences)");
        };
    }

    /** {@code INSERT INTO t (a, b) VALUES (?, ?)}, with {@code ON CONFLICT (keys) DO UPDATE} when keys are given. */
    String insertSql(String table, List<String> columns, List<String> keys) {
        String cols = columns.stream().map(Dialect::quote).collect(Collectors.joining(", "));
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")";
        return keys.isEmpty() ? sql : sql + onConflict(columns, keys);
    }

    /** {@code ON CONFLICT (k) DO UPDATE SET c = EXCLUDED.c ...} (DO NOTHING when every column is a key). */
    static String onConflict(List<String> columns, List<String> keys) {
        String k = keys.stream().map(Dialect::quote).collect(Collectors.joining(", "));
        List<String> rest = columns.stream().filter(c -> !keys.contains(c)).toList();
        if (rest.isEmpty()) {
            return " ON CONFLICT (" + k + ") DO NOTHING";
        }
        return " ON CONFLICT (" + k + ") DO UPDATE SET "
                + rest.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
    }
}
