package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Words Calcite reserves but Spark takes as names are names unquoted; the SQL they also spell still works. */
class SqlNonReservedWordsTest {
    private static Sql sql() {
        SqlCatalog catalog = new SqlCatalog();
        Instant t0 = Instant.parse("2024-01-15T10:30:00Z");
        catalog.registerTable(
                "result",
                Table.create(
                        "result",
                        IntColumn.create("count", 2, 1),
                        InstantColumn.create("start", new Instant[] {t0, t0.plusSeconds(60)}),
                        InstantColumn.create("end", new Instant[] {t0.plusSeconds(10), t0.plusSeconds(70)}),
                        StringColumn.create("value", "a", "b"),
                        InstantColumn.create("timestamp", new Instant[] {t0, t0}),
                        IntColumn.create("year", 2024, 2025)));
        return new Sql(catalog);
    }

    private static Table rows(Sql sql, String query) {
        return ((SqlResult.Rows) sql.execute(query)).table();
    }

    @Test
    void when_columnsAndTablesAreNamedLikeSqlWords_then_theyAreNamesUnquotedAsInSpark() {
        Table t = rows(
                sql(),
                "SELECT count, value, year, day(timestamp) AS day, result.end > start AS later, count AS sum"
                        + " FROM result WHERE timestamp >= TIMESTAMP '2024-01-15 00:00:00' ORDER BY count");
        assertThat(t.columnNames()).containsExactly("count", "value", "year", "day", "later", "sum");
        assertThat(List.<Object>copyOf(t.column("value").asList())).containsExactly("b", "a");
        assertThat(List.<Object>copyOf(t.column("day").asList())).containsExactly(15, 15);
        assertThat(List.<Object>copyOf(t.column("later").asList())).containsExactly(true, true);
    }

    @Test
    void when_theWordsAreUsedAsSql_then_theyStillMeanWhatTheySpell() {
        Table t = rows(
                sql(),
                "SELECT COUNT(*) AS n, SUM(count) AS total, CASE WHEN MAX(year) > 2024 THEN 'y' ELSE 'n' END AS c,"
                        + " CAST(MIN(start) AS TIMESTAMP) AS s, DATE '2024-01-31' AS d, TIME '10:00:00' AS tm"
                        + " FROM result");
        assertThat(t.row(0).getLong("n")).isEqualTo(2L);
        assertThat(((Number) t.column("total").get(0)).longValue()).isEqualTo(3L);
        assertThat(t.row(0).getString("c")).isEqualTo("y");
        assertThat(t.column("d").getString(0)).isEqualTo("2024-01-31");
        Table windowed = rows(
                sql(), "SELECT `count` * 2 AS `select`, `value` FROM result WHERE `year` = 2024 AND value IS NOT NULL");
        assertThat(windowed.row(0).getInt("select")).isEqualTo(4);
    }

    @Test
    void when_aWordStaysReserved_then_itIsASyntaxErrorUnlessQuoted() {
        assertThatThrownBy(() -> sql().execute("SELECT value AS select FROM result"))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("Syntax error");
        assertThat(rows(sql(), "SELECT value AS `select` FROM result").columnNames())
                .containsExactly("select");
    }
}
