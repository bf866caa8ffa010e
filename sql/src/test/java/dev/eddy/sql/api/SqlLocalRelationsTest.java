package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Spark's ConvertToLocalRelation (Spark 4.2's optimizer, before ConstantFolding): over a local relation (a table
 * registered from Java, as Spark's {@code createDataFrame} of rows) a SELECT's projection and WHERE are computed row
 * by row while Spark plans, so a constant that cannot be computed fails only when a row reaches it. Over a file
 * table (Spark's file relation) the constant is folded while planning and fails whatever the rows. The answers are
 * Spark 4.2's for the same queries (sql/README.md's differential probe).
 */
class SqlLocalRelationsTest {
    private final Sql sql = new Sql(new SqlCatalog());

    SqlLocalRelationsTest() {
        sql.catalog()
                .registerTable(
                        "t",
                        Table.create("t", IntColumn.create("a", 1, 2, -3), StringColumn.create("s", "x", "y", "z")));
    }

    private int rowCount(String query) {
        return ((SqlResult.Rows) sql.execute(query)).table().rowCount();
    }

    @Test
    void when_noRowOfALocalTablePassesTheWhere_then_aFailingConstantInTheSelectIsNeverComputed() {
        assertThat(rowCount("SELECT CAST('x' AS INT) AS c FROM t WHERE a > 100"))
                .isZero();
        assertThat(rowCount("SELECT coalesce(NULL, 'x') + a AS c FROM t WHERE a > 100"))
                .isZero();
        assertThat(rowCount("SELECT CAST('x' AS INT) AS c FROM t WHERE a > 100 ORDER BY c LIMIT 3"))
                .isZero();
        assertThat(rowCount("SELECT DISTINCT CAST('x' AS INT) AS c FROM t WHERE a > 100"))
                .isZero();
        assertThat(rowCount("SELECT CAST('x' AS INT) AS c FROM t WHERE a > 100 UNION ALL SELECT 1 FROM t"))
                .isEqualTo(3);
    }

    @Test
    void when_noRowReachesAGroupedAggregationOrASort_then_theirFailingConstantsAreNeverComputed() {
        // Spark drops a grouped aggregation or a sort whose input is empty (PropagateEmptyRelation) before it folds
        assertThat(rowCount("SELECT a, CAST('x' AS INT) AS c FROM t WHERE a > 100 GROUP BY a"))
                .isZero();
        assertThat(rowCount("SELECT a, SUM(CAST('x' AS INT)) AS c FROM t WHERE a > 100 GROUP BY a"))
                .isZero();
        assertThat(rowCount(
                        "SELECT a, COUNT(*) AS n FROM t WHERE a > 100 GROUP BY a HAVING COUNT(*) > CAST('x' AS INT)"))
                .isZero();
        assertThat(rowCount("SELECT a, CAST('x' AS INT) AS c FROM t WHERE a > 100 GROUP BY a ORDER BY a LIMIT 2"))
                .isZero();
        assertThat(rowCount("SELECT a FROM t WHERE a > 100 ORDER BY CAST('x' AS INT)"))
                .isZero();
    }

    @Test
    void when_rowsReachAGroupedAggregationsFailingConstant_then_theQueryFails() {
        assertThatThrownBy(() -> sql.execute("SELECT a, CAST('x' AS INT) AS c FROM t WHERE a > 1 GROUP BY a"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
        assertThatThrownBy(() ->
                        sql.execute("SELECT a, COUNT(*) AS n FROM t GROUP BY a HAVING COUNT(*) > CAST('x' AS INT)"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
        // a global aggregation answers one row even over no rows: Spark folds its constant and fails
        assertThatThrownBy(() -> sql.execute("SELECT COUNT(*) AS n, CAST('x' AS INT) AS c FROM t WHERE a > 100"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aRowReachesTheFailingConstant_then_theQueryFailsWithSparksError() {
        assertThatThrownBy(() -> sql.execute("SELECT CAST('x' AS INT) AS c FROM t WHERE a > 1"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
        // a projection below a WHERE is computed for every row first, as Spark converts it first
        assertThatThrownBy(() -> sql.execute("SELECT c FROM (SELECT CAST('x' AS INT) AS c, a FROM t) WHERE a > 100"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
    }

    @Test
    void when_theConstantIsInAnAggregationOrAJoin_then_itFailsWhateverTheRows() {
        // Spark folds these while planning: an aggregation's and a join's projections are not a local relation's
        assertThatThrownBy(() -> sql.execute("SELECT COUNT(*) + CAST('x' AS INT) AS c FROM t WHERE a > 100"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
        assertThatThrownBy(() ->
                        sql.execute("SELECT l.a, CAST('x' AS INT) AS c FROM t l JOIN t r ON l.a = r.a WHERE l.a > 100"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aConstantOfEddysFunctionsFailsOverAJoin_then_itFailsWhateverTheRows() {
        // Spark 4.2's ConstantFolding computes these while it plans a join's query, even where no row passes its
        // WHERE; Calcite left a Java function's constant to the rows, so they answered no rows (seeds 31 and 37)
        String join = " FROM t l JOIN (VALUES (1), (3)) AS v(k) ON l.a = v.k WHERE l.a > 100";
        for (String[] c : new String[][] {
            {"SELECT to_timestamp('abc') AS c" + join, "[CANNOT_PARSE_TIMESTAMP]"},
            {"SELECT to_timestamp('') AS c" + join, "[CANNOT_PARSE_TIMESTAMP]"},
            {"SELECT dateadd(YEAR, 300000, TIMESTAMP '2024-01-01 00:00:00') AS c" + join, "[DATETIME_OVERFLOW]"},
            {"SELECT coalesce(to_timestamp('abc'), TIMESTAMP '2000-01-01 00:00:00') AS c" + join, "[CANNOT_PARSE"},
            {"SELECT l.a" + join + " AND year(to_timestamp('abc')) > l.a", "[CANNOT_PARSE_TIMESTAMP]"},
            {"SELECT COUNT(*) AS n, to_timestamp('abc') AS c" + join, "[CANNOT_PARSE_TIMESTAMP]"}
        }) {
            assertThatThrownBy(() -> sql.execute(c[0])).as(c[0]).hasMessageContaining(c[1]);
        }
        // in a branch no row takes, or over a local table alone (computed row by row), it is never computed
        assertThat(rowCount("SELECT CASE WHEN l.a > 0 THEN to_timestamp('abc') END AS c" + join))
                .isZero();
        assertThat(rowCount("SELECT coalesce(TIMESTAMP '2000-01-01 00:00:00', to_timestamp('abc')) AS c" + join))
                .isZero();
        assertThat(rowCount("SELECT to_timestamp('abc') AS c FROM t WHERE a > 100"))
                .isZero();
    }

    @Test
    void when_aConstantIntervalIsDividedByZeroOverAJoin_then_itFailsWhateverTheRows() {
        // Spark folds INTERVAL / 0 while planning a join's projection ([INTERVAL_DIVIDED_BY_ZERO], no row needed);
        // Eddy's division runs on its runtime, which Calcite never folds, so it is computed ahead here as in Spark
        for (String q : new String[] {
            "SELECT CAST((INTERVAL '1-2' YEAR TO MONTH / 0) AS STRING) AS c FROM t l JOIN t r ON l.a = r.a"
                    + " WHERE l.a > 100",
            "SELECT l.a, INTERVAL '3' HOUR / (1 - 1) AS c FROM t l JOIN t r ON l.a = r.a WHERE false",
            "SELECT l.a, INTERVAL '3' HOUR * 9223372036854775807 AS c FROM t l JOIN t r ON l.a = r.a WHERE false"
        }) {
            assertThatThrownBy(() -> sql.execute(q))
                    .as(q)
                    .hasMessageMatching("(?s).*(\\[INTERVAL_DIVIDED_BY_ZERO]|long overflow).*");
        }
        // over the local table alone Spark computes it row by row: no row, no error
        assertThat(rowCount("SELECT INTERVAL '3' HOUR / 0 AS c FROM t WHERE a > 100"))
                .isZero();
        // inside a branch no row takes, it is never computed
        assertThat(rowCount("SELECT CASE WHEN l.a > 100 THEN INTERVAL '3' HOUR / 0 END AS c FROM t l JOIN t r"
                        + " ON l.a = r.a"))
                .isEqualTo(3);
    }

    @Test
    void when_aColumnIsCastToAnIntervalRowByRow_then_eachValueCountsTheIntervalsField() {
        // Spark 4.2: CAST(1 AS INTERVAL SECOND) is one second, over a local relation as over any table (the
        // batch differential's seed 20261206 case 232)
        Table t = ((SqlResult.Rows) sql.execute("SELECT CAST(CAST(a AS INTERVAL SECOND) AS STRING) AS c,"
                        + " CAST(CAST(a AS INTERVAL HOUR) AS STRING) AS h FROM t"))
                .table();
        assertThat(t.stringColumn("c").asList())
                .containsExactly("INTERVAL '01' SECOND", "INTERVAL '02' SECOND", "INTERVAL '-03' SECOND");
        assertThat(t.stringColumn("h").asList())
                .containsExactly("INTERVAL '01' HOUR", "INTERVAL '02' HOUR", "INTERVAL '-03' HOUR");
    }

    @Test
    void when_theTableIsAFile_then_aFailingConstantFailsWhateverTheRows(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("f.csv");
        Files.writeString(csv, "a\n1\n2\n");
        sql.execute("CREATE TABLE f (a INT) WITH ('connector' = 'file', 'path' = '" + csv + "', 'format' = 'csv')");
        assertThatThrownBy(() -> sql.execute("SELECT CAST('x' AS INT) AS c FROM f WHERE a > 100"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
    }
}
