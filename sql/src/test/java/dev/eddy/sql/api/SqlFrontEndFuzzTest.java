package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
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
    /** A small CSV file for the dictionary's CREATE TABLE (the working directory is the module's). */
    private static final String CSV = "target/fuzz-table.csv";

    @BeforeAll
    static void writeCsv() throws IOException {
        Files.writeString(Path.of(CSV), "a,b\n1,x\n2,\n,\"q\"\"\"\n");
    }

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
        "n",
        // forms Eddy rewrites or added to Calcite's grammar since the list above
        "INTERVAL 1 DAY 2 HOURS",
        " 3 MINUTES",
        "INTERVAL '1' YEAR '2' MONTH",
        "x'0A'",
        "U&'\\0041'",
        " UESCAPE '!'",
        "e'\\n'",
        " IN (1, NULL, 'a')",
        " NOT IN (",
        " FROM VALUES (1, 'a'), (2, 'b') AS v(a, b)",
        "VALUES ",
        " div ",
        "LEFT SEMI JOIN ",
        "session_window(ts, '5 minutes')",
        "window.start",
        "try_cast(",
        "CASE WHEN ",
        "NULL",
        "1e308",
        "9223372036854775808",
        // a CSV table over the file the set-up writes, and its options (checked before the file is read)
        "CREATE TABLE c (a INT, b STRING) WITH ('connector' = 'file', 'path' = '" + CSV + "'",
        ", 'header' = 'false'",
        ", 'sep' = ';'",
        ", 'mode' = 'FAILFAST'",
        ", 'multiLine' = 'true'",
        ", 'dateFormat' = 'yyyy-MM-dd'",
        ", 'nullValue' = ''",
        "SELECT * FROM c"
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
