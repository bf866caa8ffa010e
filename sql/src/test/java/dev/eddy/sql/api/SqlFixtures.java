package dev.eddy.sql.api;

import java.time.LocalDateTime;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Shared catalog set-up for the tests: a 'lines' stream with a watermark and static tables. */
final class SqlFixtures {
    static final String LINES = "CREATE STREAM lines (word STRING, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '10' MINUTE) WITH ('connector' = 'topic', 'topic' = 'lines')";

    private SqlFixtures() {}

    static Sql withLines() {
        Sql sql = new Sql(new SqlCatalog());
        sql.execute(LINES);
        return sql;
    }

    /** RT-2's input as a static table: (event time, word) one row per word. */
    static Table words(String... timeAndWord) {
        DateTimeColumn ts = DateTimeColumn.create("ts");
        StringColumn word = StringColumn.create("word");
        for (String tw : timeAndWord) {
            String[] p = tw.split(" ");
            ts.append(LocalDateTime.parse("2026-01-01T" + p[0]));
            word.append(p[1]);
        }
        return Table.create("words", word, ts);
    }
}
