package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Fuzzes the SQL front end (parse, DDL, validation, streaming rules, planning; batch queries over a small static
 * table) with arbitrary statement text. Whatever the text, the only error is a {@link SqlException}, whose
 * message is one line that echoes at most a bounded part of the input, never an NPE, a Calcite exception or a
 * stack overflow.
 */
class SqlFrontEndFuzzTest {
    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({
        "SELECT ",
        " FROM lines",
        " FROM t",
        " WHERE ",
        " GROUP BY ",
        "window(ts, '10 minutes')",
        "COUNT(*)",
        "CREATE STREAM s (a INT) WITH ('connector' = 'memory')",
        "INSERT INTO ",
        "TUMBLE(",
        "HOP(",
        "SESSION(",
        "DESCRIPTOR(ts)",
        "INTERVAL '1' SECOND",
        "CAST(",
        " AS ",
        "ORDER BY ",
        "LIMIT ",
        "(",
        ")",
        "'",
        "\"",
        ";",
        "SHOW STREAMS",
        "DROP STREAM ",
        "EXPLAIN ",
        "JOIN ",
        " ON ",
        "word",
        "ts",
        "n"
    })
    void anyTextGivesAResultOrASqlException(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Sql sql = SqlFixtures.withLines();
        sql.catalog()
                .registerTable(
                        "t", Table.create("t", StringColumn.create("word", "a", "b"), IntColumn.create("n", 1, 2)));
        try {
            sql.executeAll(text);
        } catch (SqlException e) {
            assertThat(e.getMessage()).isNotNull();
        }
    }
}
