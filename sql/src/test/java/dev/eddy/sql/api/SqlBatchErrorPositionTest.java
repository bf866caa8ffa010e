package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A batch query that fails while it runs (not while it is checked) still says where its statement is. */
class SqlBatchErrorPositionTest {

    private static Sql withPages() {
        Sql sql = new Sql(new SqlCatalog());
        sql.catalog()
                .registerTable(
                        "pages",
                        Table.create(
                                "pages",
                                StringColumn.create("page", "home", "cart"),
                                IntColumn.create("visits", 3, 4)));
        return sql;
    }

    @Test
    void when_aBatchQueryFailsAtRunTime_then_theErrorHasTheStatementsLineAndColumn() {
        Sql sql = withPages();
        assertThatThrownBy(() -> sql.execute("SELECT 1 AS n FROM pages;\n\n  SELECT visits / 0 FROM pages"))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("Query failed: ")
                .hasMessageContaining("DIVIDE_BY_ZERO")
                .hasMessageContaining("at line 3, column 3")
                .satisfies(e -> {
                    SqlException s = (SqlException) e;
                    assertThat(s.line()).isEqualTo(3);
                    assertThat(s.column()).isEqualTo(3);
                });
    }

    @Test
    void when_aBatchQueryRuns_then_itsAnswerComesFromTheValidatedPlan() {
        SqlResult r = withPages().execute("SELECT page, visits * 2 AS v FROM pages ORDER BY v DESC");
        Table t = ((SqlResult.Rows) r).table();
        assertThat(t.stringColumn("page").asList()).containsExactly("cart", "home");
        assertThat(t.column("v").asList()).map(v -> ((Number) v).longValue()).containsExactly(8L, 6L);
    }
}
