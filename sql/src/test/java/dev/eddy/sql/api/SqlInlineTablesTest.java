package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Spark's inline tables: {@code FROM VALUES (...), (...) AS t(a, b)} without parentheses around the VALUES, and an
 * inline table without an alias naming its columns {@code col1}, {@code col2}, ... (Spark 4.2's answers, checked with
 * SparkBatchDifferentialIT's probe).
 */
class SqlInlineTablesTest {
    private final Sql sql = new Sql(new SqlCatalog());

    SqlInlineTablesTest() {
        sql.catalog().registerTable("t2", Table.create("t2", IntColumn.create("v", 1, 2, 3)));
    }

    private List<String> rows(String query) {
        Table t = ((SqlResult.Rows) sql.execute(query)).table();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < t.columnCount(); c++) {
                line.append(c == 0 ? "" : " ")
                        .append(t.column(c).isMissing(r) ? "null" : t.column(c).getString(r));
            }
            out.add(line.toString());
        }
        return out;
    }

    @Test
    void when_valuesFollowFromWithoutParentheses_then_theyAreAnInlineTable() {
        assertThat(rows("SELECT a + 1 AS b, c FROM VALUES (1, 'x'), (2, 'y') AS t(a, c) ORDER BY b"))
                .containsExactly("2 x", "3 y");
        assertThat(rows("SELECT * FROM VALUES 1, 2 AS t(a) ORDER BY a")).containsExactly("1", "2");
        assertThat(rows("SELECT t.a FROM VALUES (1), (NULL) t(a) WHERE a IS NOT NULL"))
                .containsExactly("1");
        assertThat(rows("SELECT t2.v, t.k FROM t2 JOIN VALUES (2, 'b') AS t(v, k) ON t2.v = t.v"))
                .containsExactly("2 b");
    }

    @Test
    void when_anInlineTableHasNoAlias_then_itsColumnsAreCol1Col2() {
        assertThat(rows("SELECT col2, col1 FROM VALUES (1, 'a'), (2, 'b') ORDER BY col1"))
                .containsExactly("a 1", "b 2");
        assertThat(rows("SELECT col1 FROM (VALUES (7))")).containsExactly("7");
    }

    @Test
    void when_aQueryOverAnInlineTableIsWrong_then_theErrorHasThePositionAsWritten() {
        assertThatThrownBy(() -> sql.execute("SELECT * FROM VALUES (1) AS t(a) WHERE nope = 1"))
                .hasMessageContaining("'nope'")
                .hasMessageContaining("line 1, column 40");
    }
}
