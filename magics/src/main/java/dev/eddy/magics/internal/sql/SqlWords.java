package dev.eddy.magics.internal.sql;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.sql.api.Relation;
import java.util.ArrayList;
import java.util.List;

/** What Tab offers in a {@code %%sql} body: SQL keywords, Eddy's functions, and the catalog's names. */
final class SqlWords {
    static final List<String> KEYWORDS = List.of(
            "SELECT",
            "FROM",
            "WHERE",
            "GROUP BY",
            "HAVING",
            "ORDER BY",
            "LIMIT",
            "JOIN",
            "LEFT JOIN",
            "ON",
            "AS",
            "AND",
            "OR",
            "NOT",
            "DISTINCT",
            "COUNT",
            "SUM",
            "AVG",
            "MIN",
            "MAX",
            "CAST",
            "CREATE STREAM",
            "CREATE TABLE",
            "DROP STREAM",
            "DROP TABLE",
            "SHOW STREAMS",
            "SHOW TABLES",
            "SHOW QUERIES",
            "DESCRIBE",
            "EXPLAIN",
            "INSERT INTO",
            "WITH",
            "WATERMARK FOR",
            "INTERVAL",
            "TUMBLE",
            "HOP",
            "SESSION",
            "DESCRIPTOR",
            "TABLE",
            "window",
            "session_window",
            "window_start",
            "window_end",
            "'connector'");

    private SqlWords() {}

    static List<String> all(EddyRuntime runtime) {
        List<String> out = new ArrayList<>(KEYWORDS);
        for (Relation r : runtime.sql().catalog().all()) {
            out.add(r.name());
        }
        out.addAll(runtime.eddy().memoryTableNames());
        return out;
    }
}
