package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Spark's order of evaluation against what a WHERE says of its columns. Over a local relation (a table registered
 * from Java) Spark computes the WHERE and the SELECT list row by row in their written order: an operator's left side
 * first (NULL without its right side when it is NULL), AND and OR from the left; over a CSV table its reader first
 * applies the terms it takes (a column against a constant, IS [NOT] NULL, and the isnotnull Spark infers for the
 * columns of null-intolerant terms), then the whole condition. Calcite's simplifier had used the WHERE's facts ({@code
 * x IS NULL}, ranges that do not meet) to drop a cast of text Spark computes and fails on. Every answer here is Spark
 * 4.2's for the same query and rows (sql/README.md's differential probe, tables t1 and f1 of the probe).
 */
class SqlEvaluationOrderTest {
    private final Sql sql = new Sql(new SqlCatalog());

    SqlEvaluationOrderTest() {
        // id 1: a and x NULL, s not a number; id 2: numbers; id 3: a and x NULL, s a number; id 4: a at INT's top
        IntColumn a = IntColumn.create("a");
        a.appendMissing();
        a.append(5);
        a.appendMissing();
        a.append(Integer.MAX_VALUE);
        sql.catalog()
                .registerTable(
                        "t",
                        Table.create(
                                "t",
                                IntColumn.create("id", 1, 2, 3, 4),
                                a,
                                StringColumn.create("s", "x", "7", "8", "y"),
                                DoubleColumn.create("x", Double.NaN, 1.5, Double.NaN, 2.0)));
    }

    private int rowCount(String query) {
        return ((SqlResult.Rows) sql.execute(query)).table().rowCount();
    }

    @Test
    void when_anOperatorsLeftSideFailsAndItsRightSideIsNullByTheWhere_then_theQueryFailsAsInSpark() {
        // Spark computes + from its left side: the cast of 'x' fails even for a row whose x is NULL
        assertThatThrownBy(() -> sql.execute("SELECT CAST('x' AS DOUBLE) + x AS c FROM t WHERE x IS NULL"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
        assertThatThrownBy(() -> sql.execute("SELECT NOT (CAST('x' AS INT) = a) AS c FROM t WHERE a IS NULL"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
        // its right side is computed only where the left one is not NULL: NULL, no error
        Table t = ((SqlResult.Rows) sql.execute("SELECT x + CAST('x' AS DOUBLE) AS c FROM t WHERE x IS NULL")).table();
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.doubleColumn("c").isMissing().size()).isEqualTo(2);
    }

    @Test
    void when_aWhereTermThatFailsComesBeforeAFactThatDecidesTheRow_then_itIsStillComputed() {
        for (String where : new String[] {
            "CAST(s AS INT) = a AND a IS NULL",
            "a IS NULL AND CAST(s AS INT) = a", // a IS NULL is true for id 1: the cast runs there
            "CAST(s AS INT) < a AND a IS NULL",
            "NOT (CAST(s AS INT) <> a) AND a IS NULL",
            "CAST(s AS INT) > 0 AND a > 5 AND a < 3",
            "CAST(s AS INT) > 0 AND a = 1 AND a = 2",
            "a IS NULL AND (CAST(s AS INT) = a OR id > 100)"
        }) {
            assertThatThrownBy(() -> sql.execute("SELECT id FROM t WHERE " + where))
                    .as(where)
                    .hasMessageContaining("[CAST_INVALID_INPUT]");
        }
    }

    @Test
    void when_theTermsBeforeAFailingOneDecideEveryRow_then_itIsNeverComputed() {
        // AND stops at the first false: every row has a NULL a (false) or an a that is not above 5 or not below 3
        assertThat(rowCount("SELECT id FROM t WHERE a IS NOT NULL AND a > 5 AND a < 3 AND CAST(s AS INT) > 0"))
                .isZero();
        // an explicit cast of a literal in the WHERE is left to the rows: a > 2147483647 is false or NULL for each,
        // and = computes its right side only where its left one, a, is not NULL
        assertThat(rowCount("SELECT id FROM t WHERE a > 2147483647 AND a = CAST('x' AS INT)"))
                .isZero();
        // ids 2 and 4 reach it
        assertThatThrownBy(() -> sql.execute("SELECT id FROM t WHERE a > 2 AND a = CAST('x' AS INT)"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aFileTablesReaderTakesTheWhereFirst_then_onlyTheRowsItKeepsComputeTheRest(@TempDir Path dir)
            throws IOException {
        Path csv = dir.resolve("f1.csv");
        Files.writeString(csv, "id,a,s,x\n1,,x,\n2,5,7,1.5\n3,,8,\n4,2147483647,y,2.0\n5,3,z,\n");
        sql.execute("CREATE TABLE f1 (id INT, a INT, s STRING, x DOUBLE) WITH ('connector' = 'file', 'path' = '" + csv
                + "', 'format' = 'csv', 'header' = 'true')");
        // Spark's CSV reader applies id = 1 and the inferred isnotnull(a) first: no row reaches the cast
        assertThat(rowCount("SELECT id FROM f1 WHERE CAST(s AS INT) = a AND id = 1"))
                .isZero();
        assertThat(rowCount("SELECT id FROM f1 WHERE CAST(s AS INT) = a AND a IS NULL"))
                .isZero();
        assertThat(rowCount("SELECT id FROM f1 WHERE x IS NULL AND CAST(s AS DOUBLE) > x"))
                .isZero();
        assertThat(rowCount("SELECT id FROM f1 WHERE CAST(s AS INT) > 0 AND a > 5 AND a < 3"))
                .isZero();
        // id 4 passes id > 3 with a non-NULL a: its 'y' fails, as in Spark
        assertThatThrownBy(() -> sql.execute("SELECT id FROM f1 WHERE CAST(s AS INT) = a AND id > 3"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
        // an OR is not the reader's: computed in its written order, failing on 'x'
        assertThatThrownBy(() -> sql.execute("SELECT id FROM f1 WHERE CAST(s AS DOUBLE) > x OR x IS NULL"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
        // a constant over a file table is folded while planning: it fails whatever the rows
        assertThatThrownBy(() -> sql.execute("SELECT CAST('x' AS DOUBLE) + x AS c FROM f1 WHERE x IS NULL"))
                .hasMessageContaining("[CAST_INVALID_INPUT]");
    }
}
