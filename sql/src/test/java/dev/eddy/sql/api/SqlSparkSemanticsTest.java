package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Batch SQL answers with Spark 4's semantics (ANSI mode); SparkBatchDifferentialIT proves it against Spark. */
class SqlSparkSemanticsTest {
  private static Sql pages() {
    SqlCatalog catalog = new SqlCatalog();
    catalog.registerTable("pages", Table.create("pages", StringColumn.create("page", "home", "cart"),
        IntColumn.create("visits", 2, 1)));
    return new Sql(catalog);
  }

  private static Table rows(Sql sql, String query) {
    return ((SqlResult.Rows) sql.execute(query)).table();
  }

  @Test
  void when_integersAreDividedOrAveraged_then_theAnswerIsFractionalAsInSpark() {
    Table t = rows(pages(), "SELECT AVG(visits), SUM(visits)/COUNT(*), MAX(visits)/2 FROM pages");
    assertThat(t.row(0).getDouble(0)).isEqualTo(1.5);
    assertThat(t.row(0).getDouble(1)).isEqualTo(1.5);
    assertThat(t.row(0).getDouble(2)).isEqualTo(1.0);
  }

  @Test
  void when_divIsUsed_then_itIsIntegralDivisionTowardZero() {
    Table t = rows(pages(), "SELECT 7 div 2 AS a, -7 div 2 AS b FROM pages LIMIT 1");
    assertThat(t.row(0).getLong(0)).isEqualTo(3L);
    assertThat(t.row(0).getLong(1)).isEqualTo(-3L);
  }

  @Test
  void when_theDivisorIsZero_then_theQueryFailsNamingSparksErrorAndTryDivideGivesNull() {
    assertThatThrownBy(() -> pages().execute("SELECT visits / 0 FROM pages"))
        .isInstanceOf(SqlException.class).hasMessageContaining("DIVIDE_BY_ZERO");
    Table t = rows(pages(), "SELECT try_divide(visits, 0) AS q FROM pages");
    assertThat(t.column("q").isMissing(0)).isTrue();
  }

  @Test
  void when_substringStartsAtANegativePosition_then_itCountsFromTheEnd() {
    Table t = rows(pages(), "SELECT substring('abc', -1) AS a, substring('123', -2, 4) AS b, substring('abc', 0, 2) AS c"
        + " FROM pages LIMIT 1");
    assertThat(t.row(0).getString("a")).isEqualTo("c");
    assertThat(t.row(0).getString("b")).isEqualTo("23");
    assertThat(t.row(0).getString("c")).isEqualTo("ab");
  }

  @Test
  void when_timestampsAreAnswered_then_theyAreInstantsShownWithZ() {
    Table t = rows(pages(), "SELECT date_trunc('HOUR', TIMESTAMP '2024-01-15 10:30:00') AS h FROM pages LIMIT 1");
    assertThat(t.column("h").getString(0)).isEqualTo("2024-01-15T10:00:00.000Z"); // as live views show instants
  }
}
