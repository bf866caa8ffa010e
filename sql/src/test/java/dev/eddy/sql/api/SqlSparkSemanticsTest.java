package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
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

  @Test
  void when_tryFunctionsMeetBadInput_then_theyGiveNullWhereTheOperatorsFail() {
    Table t = rows(pages(), "SELECT try_cast('abc' AS INT) AS a, try_cast('12' AS INT) AS b,"
        + " try_add(2147483647, visits) AS c, try_multiply(visits, 3) AS d, try_subtract(visits, 1) AS e"
        + " FROM pages WHERE page = 'home'");
    assertThat(t.column("a").isMissing(0)).isTrue();
    assertThat(t.row(0).getInt("b")).isEqualTo(12);
    assertThat(t.column("c").isMissing(0)).isTrue();
    assertThat(((Number) t.column("d").get(0)).longValue()).isEqualTo(6);
    assertThat(((Number) t.column("e").get(0)).longValue()).isEqualTo(1);
  }

  @Test
  void when_decimalsAreDivided_then_theQuotientIsADecimalAtSparksScale() {
    Table t = rows(pages(), "SELECT 10.0 / 3 AS a, CAST(1 AS DECIMAL(10, 2)) / 3 AS b, 1.5 / 2 AS c FROM pages LIMIT 1");
    assertThat(t.row(0).getDouble("a")).isEqualTo(3.333333); // DECIMAL(8, 6), not the double 3.3333333333333335
    assertThat(t.row(0).getDouble("b")).isEqualTo(0.333333);
    assertThat(t.row(0).getDouble("c")).isEqualTo(0.75);
  }

  @Test
  void when_aBigintSumOverflows_then_theQueryFailsWithSparksErrorNamingTheSum() {
    SqlCatalog catalog = new SqlCatalog();
    catalog.registerTable("big", Table.create("big", LongColumn.create("n", Long.MAX_VALUE, 1L)));
    assertThatThrownBy(() -> new Sql(catalog).execute("SELECT COUNT(*), SUM(n) FROM big"))
        .isInstanceOf(SqlException.class).hasMessageContaining("[ARITHMETIC_OVERFLOW]").hasMessageContaining("SUM(")
        .hasMessageContaining("line 1, column 18");
  }

  @Test
  void when_aStringLiteralCannotCastToTheOtherSide_then_validationSaysSoAtTheLiteral() {
    assertThatThrownBy(() -> pages().execute("SELECT page FROM pages WHERE visits = 'abc'"))
        .isInstanceOf(SqlException.class).hasMessageStartingWith("[CAST_INVALID_INPUT] The value 'abc'")
        .hasMessageContaining("line 1, column 39");
    assertThat(rows(pages(), "SELECT page FROM pages WHERE visits = '2'").rowCount()).isEqualTo(1);
  }

  @Test
  void when_sqrtIsUsed_then_theQueryAnswers() {
    Table t = rows(pages(), "SELECT page, SQRT(visits) AS r FROM pages WHERE visits IN (2, 5, 7)");
    assertThat(t.rowCount()).isEqualTo(1);
    assertThat(t.row(0).getDouble("r")).isEqualTo(Math.sqrt(2));
  }

  @Test
  void when_aResultHoldsAnEmptyStringAndANull_then_theyStayApart() {
    Table t = rows(pages(), "SELECT substring(page, 10) AS e, CAST(NULL AS STRING) AS n, page FROM pages");
    assertThat(t.column("e").isMissing(0)).isFalse();
    assertThat(t.column("e").get(0)).isEqualTo("");
    assertThat(t.column("n").isMissing(0)).isTrue();
    assertThat(t.column("page").get(0)).isEqualTo("home");
    assertThat(t.column("page")).isInstanceOf(StringColumn.class); // no empty string: Tablesaw's own column
  }
}
