package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Spark 4's common type of two values that are not strings (its ANSI findWiderTypeForTwo, checked with
 * SparkBatchDifferentialIT's probe): numbers widen to a number and DATE/TIMESTAMP to a TIMESTAMP, but a number and
 * a time, or a BOOLEAN and a number, have none, so coalesce, CASE, nvl and IN over them fail the query
 * ([DATATYPE_MISMATCH.DATA_DIFF_TYPES]) where Calcite cast the number to a time.
 */
class SqlSparkTypeMixesTest {
    private static Sql sql() {
        Sql sql = new Sql(Eddy.builder().clock(new ManualClock(0)).build());
        sql.catalog()
                .registerTable(
                        "t",
                        Table.create(
                                "t",
                                IntColumn.create("a", 1, 7),
                                BooleanColumn.create("flag", true, false),
                                DateTimeColumn.create(
                                        "ts",
                                        LocalDateTime.parse("2024-01-01T00:00:00"),
                                        LocalDateTime.parse("2024-01-02T00:00:00"))));
        return sql;
    }

    @Test
    void when_aNumberMeetsATimeOrABoolean_then_theQueryIsRefusedAsInSpark() {
        List<String> answered = new ArrayList<>();
        for (String e : List.of(
                "coalesce(a, ts)",
                "CASE WHEN a > 3 THEN ts ELSE a END",
                "nvl(ts, a)",
                "ts IN (a, NULL)",
                "coalesce(1.5, ts)")) {
            try {
                sql().execute("SELECT " + e + " AS c FROM t");
                answered.add(e);
            } catch (SqlException refused) {
                assertThat(refused.getMessage()).as(e).doesNotContain("Cannot plan");
            }
        }
        assertThat(answered).as("answered where Spark refuses").isEmpty();
    }

    @Test
    void when_numbersOrTimesMix_then_theyStillWidenAsInSpark() {
        Table t = ((SqlResult.Rows) sql().execute(
                                "SELECT coalesce(a, 1.5E0) AS n, coalesce(ts, TIMESTAMP '2000-01-01 00:00:00') AS w,"
                                        + " greatest(NULL, '3') AS g, least(NULL, NULL) AS l FROM t ORDER BY a"))
                .table();
        assertThat(List.<Object>copyOf(t.column("n").asList())).containsExactly(1.0, 7.0);
        assertThat(t.column("w").size()).isEqualTo(2);
        assertThat(List.<Object>copyOf(t.column("g").asList())).containsExactly("3", "3");
        assertThat(t.column("l").isMissing(0)).isTrue();
    }
}
