package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Batch SQL answers with Spark 4's semantics (ANSI mode); SparkBatchDifferentialIT proves it against Spark. */
class SqlSparkSemanticsTest {
    private static Sql pages() {
        SqlCatalog catalog = new SqlCatalog();
        catalog.registerTable(
                "pages",
                Table.create("pages", StringColumn.create("page", "home", "cart"), IntColumn.create("visits", 2, 1)));
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
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("DIVIDE_BY_ZERO");
        Table t = rows(pages(), "SELECT try_divide(visits, 0) AS q FROM pages");
        assertThat(t.column("q").isMissing(0)).isTrue();
    }

    @Test
    void when_substringStartsAtANegativePosition_then_itCountsFromTheEnd() {
        Table t = rows(
                pages(),
                "SELECT substring('abc', -1) AS a, substring('123', -2, 4) AS b, substring('abc', 0, 2) AS c"
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
        Table t = rows(
                pages(),
                "SELECT try_cast('abc' AS INT) AS a, try_cast('12' AS INT) AS b,"
                        + " try_add(2147483647, visits) AS c, try_multiply(visits, 3) AS d, try_subtract(visits, 1) AS e"
                        + " FROM pages WHERE page = 'home'");
        assertThat(t.column("a").isMissing(0)).isTrue();
        assertThat(t.row(0).getInt("b")).isEqualTo(12);
        assertThat(t.column("c").isMissing(0)).isTrue();
        assertThat(((Number) t.column("d").get(0)).longValue()).isEqualTo(6);
        assertThat(((Number) t.column("e").get(0)).longValue()).isEqualTo(1);
    }

    @Test
    void when_tryFunctionsTakeNotNullOperands_then_theirNullResultIsStillNull() {
        // a seeded 1,500-query run (seed 11) found least(NULL, try_divide(-1, 0), ...) failing with an NPE: the
        // try functions were typed NOT NULL over NOT NULL operands although they answer NULL
        Table t = rows(
                pages(),
                "SELECT least(NULL, try_divide(-1, 0), 2.0) AS a, try_divide(1, 0) IS NULL AS b,"
                        + " try_add(2147483647, 1) IS NULL AS c, try_multiply(2147483647, 2) IS NULL AS d,"
                        + " try_subtract(-2147483648, 1) IS NULL AS e FROM pages LIMIT 1");
        assertThat(((Number) t.column("a").get(0)).doubleValue()).isEqualTo(2.0);
        for (String c : new String[] {"b", "c", "d", "e"}) {
            assertThat(t.row(0).getBoolean(c)).as(c).isTrue();
        }
    }

    @Test
    void when_decimalsAreDivided_then_theQuotientIsADecimalAtSparksScale() {
        Table t = rows(
                pages(), "SELECT 10.0 / 3 AS a, CAST(1 AS DECIMAL(10, 2)) / 3 AS b, 1.5 / 2 AS c FROM pages LIMIT 1");
        assertThat(t.row(0).getDouble("a")).isEqualTo(3.333333); // DECIMAL(8, 6), not the double 3.3333333333333335
        assertThat(t.row(0).getDouble("b")).isEqualTo(0.333333);
        assertThat(t.row(0).getDouble("c")).isEqualTo(0.75);
    }

    @Test
    void when_aBigintSumOverflows_then_theQueryFailsWithSparksErrorNamingTheSum() {
        SqlCatalog catalog = new SqlCatalog();
        catalog.registerTable("big", Table.create("big", LongColumn.create("n", Long.MAX_VALUE, 1L)));
        assertThatThrownBy(() -> new Sql(catalog).execute("SELECT COUNT(*), SUM(n) FROM big"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("[ARITHMETIC_OVERFLOW]")
                .hasMessageContaining("SUM(")
                .hasMessageContaining("line 1, column 18");
    }

    @Test
    void when_aStringLiteralCannotCastToTheOtherSide_then_validationSaysSoAtTheLiteral() {
        assertThatThrownBy(() -> pages().execute("SELECT page FROM pages WHERE visits = 'abc'"))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("[CAST_INVALID_INPUT] The value 'abc'")
                .hasMessageContaining("line 1, column 39");
        assertThat(rows(pages(), "SELECT page FROM pages WHERE visits = '2'").rowCount())
                .isEqualTo(1);
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

    @Test
    void when_aResultHoldsNaNAndNull_then_theyStayApartAndNaNShowsAsSparkShowsIt() {
        Table t = rows(
                pages(),
                "SELECT sqrt(visits - 3) AS r, CAST(NULL AS DOUBLE) AS n, CAST(visits AS DOUBLE) AS v"
                        + " FROM pages WHERE page = 'home'");
        assertThat(t.column("r").isMissing(0)).isFalse();
        assertThat((Double) t.column("r").get(0)).isNaN();
        assertThat(t.column("r").getString(0)).isEqualTo("NaN");
        assertThat(t.column("r").where(t.column("r").isNotMissing()).size()).isEqualTo(1); // a selection keeps it
        assertThat(t.column("n").isMissing(0)).isTrue();
        assertThat(t.column("v")).isExactlyInstanceOf(DoubleColumn.class); // no NaN: Tablesaw's own
    }

    @Test
    void when_caseOrCoalesceMixesANumberAndAString_then_theStringIsCastToTheNumberAsInSpark() {
        Table t = rows(
                pages(),
                "SELECT CASE WHEN visits > 1 THEN visits ELSE '7' END AS c, coalesce(NULL, '2.5', 1.5) AS d,"
                        + " typeof(CASE WHEN visits > 1 THEN visits ELSE '7' END) AS tc, typeof(coalesce('1', 2.5E0)) AS td"
                        + " FROM pages ORDER BY page");
        assertThat(List.<Object>copyOf(t.column("c").asList())).containsExactly(7L, 2L);
        assertThat(t.row(0).getDouble("d")).isEqualTo(2.5);
        assertThat(t.row(0).getString("tc")).isEqualTo("bigint");
        assertThat(t.row(0).getString("td")).isEqualTo("double");
        assertThatThrownBy(() -> pages().execute("SELECT CASE WHEN visits > 1 THEN visits ELSE page END FROM pages"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("[CAST_INVALID_INPUT]"); // text that is no number
    }

    @Test
    void when_textIsOneOfSparksFormsOfABoolean_then_itCastsToThatBoolean() {
        Table t = rows(
                pages(),
                "SELECT CAST('yes' AS BOOLEAN) AS y, CAST(' N ' AS BOOLEAN) AS n, CAST('t' AS BOOLEAN) AS tt,"
                        + " CAST('0' AS BOOLEAN) AS z FROM pages WHERE (visits > 1) = 'yes'");
        assertThat(t.rowCount()).isEqualTo(1);
        assertThat(t.row(0).getBoolean("y")).isTrue();
        assertThat(t.row(0).getBoolean("n")).isFalse();
        assertThat(t.row(0).getBoolean("tt")).isTrue();
        assertThat(t.row(0).getBoolean("z")).isFalse();
        assertThatThrownBy(() -> pages().execute("SELECT CAST(page AS BOOLEAN) FROM pages"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("[CAST_INVALID_INPUT]");
    }

    @Test
    void when_tryAggregatesAndTypeofAreUsed_then_theyAnswerAsSpark() {
        SqlCatalog catalog = new SqlCatalog();
        catalog.registerTable(
                "big", Table.create("big", LongColumn.create("n", Long.MAX_VALUE, 1L), IntColumn.create("i", 1, 2)));
        Table t = rows(
                new Sql(catalog),
                "SELECT try_sum(n) AS s, try_sum(i) AS si, try_avg(i) AS a, typeof(MAX(n)) AS tn,"
                        + " typeof(MAX(i) / 2) AS tq, typeof(10.0 / 3) AS td, typeof(try_sum(i)) AS ts FROM big");
        assertThat(t.column("s").isMissing(0)).isTrue(); // overflow: NULL, where SUM fails
        assertThat(((Number) t.column("si").get(0)).longValue()).isEqualTo(3L);
        assertThat(t.row(0).getDouble("a")).isEqualTo(1.5);
        assertThat(t.row(0).getString("tn")).isEqualTo("bigint");
        assertThat(t.row(0).getString("tq")).isEqualTo("double");
        assertThat(t.row(0).getString("td")).isEqualTo("decimal(8,6)");
        assertThat(t.row(0).getString("ts")).isEqualTo("bigint");
    }

    @Test
    void when_aFunctionTakesTextAndGetsANumber_then_theNumberIsCastToTextAsInSpark() {
        Table t = rows(
                pages(), "SELECT length(visits * 100) AS l, upper(visits > 1) AS u FROM pages WHERE page = 'home'");
        assertThat(((Number) t.column("l").get(0)).intValue()).isEqualTo(3);
        assertThat(t.row(0).getString("u")).isEqualTo("TRUE");
    }

    @Test
    void when_fromUnixtimeGetsSecondsPastJavaTimesYears_then_itAnswersAsSparkDoes() {
        Table t = rows(
                pages(),
                "SELECT from_unixtime(9223372036854775807, 'yyyy-MM-dd') AS f,"
                        + " from_unixtime(0) AS z FROM pages LIMIT 1");
        assertThat(t.column("f").isMissing(0)).isFalse(); // Spark wraps the microseconds around, as Eddy now does
        assertThat(t.row(0).getString("z")).isEqualTo("1970-01-01 00:00:00");
    }

    @Test
    void when_aTimestampIsSummedOrAveraged_then_itCountsAsSecondsSinceTheEpochAsInSpark() {
        SqlCatalog catalog = new SqlCatalog();
        catalog.registerTable(
                "t",
                Table.create(
                        "t",
                        DateTimeColumn.create(
                                "ts",
                                LocalDateTime.of(1970, 1, 1, 0, 0, 1, 500_000_000),
                                LocalDateTime.of(1970, 1, 1, 0, 0, 2))));
        Table r = rows(new Sql(catalog), "SELECT SUM(ts) AS s, AVG(ts) AS a FROM t");
        assertThat(r.row(0).getDouble("s")).isEqualTo(3.5);
        assertThat(r.row(0).getDouble("a")).isEqualTo(1.75);
    }

    @Test
    void when_decimalsAreAveraged_then_theAverageHasFourMoreDecimalPlacesAsInSpark() {
        Table t = rows(
                pages(),
                "SELECT AVG(CAST(visits AS DECIMAL(10, 2)) / 3) AS a, AVG(CAST(visits AS DECIMAL(10, 2))) AS b"
                        + " FROM pages");
        assertThat(t.row(0).getDouble("b")).isEqualTo(1.5);
        assertThat(t.row(0).getDouble("a")).isEqualTo(0.5); // (0.666667 + 0.333333) / 2 at scale 10
        Table r = rows(
                pages(),
                "SELECT CAST(AVG(visits) AS STRING) AS s, CAST(MIN(visits) - 1.0E0 AS STRING) AS z" + " FROM pages");
        assertThat(r.row(0).getString("s")).isEqualTo("1.5"); // a DOUBLE's text as Java (and Spark) write it
        assertThat(r.row(0).getString("z")).isEqualTo("0.0"); // Calcite: 0E0
    }

    @Test
    void when_concatTakesManyValuesOfAnyTypeOrAUnionMixesAStringAndANumber_then_theyAnswerAsInSpark() {
        Table t = rows(pages(), "SELECT concat(visits > 1, '-', 1.5, page) AS c FROM pages WHERE page = 'home'");
        assertThat(t.row(0).getString("c")).isEqualTo("true-1.5home");
        Table u = rows(pages(), "SELECT visits AS v FROM pages UNION ALL SELECT '7' FROM pages LIMIT 3");
        assertThat(List.<Object>copyOf(u.column("v").asList()))
                .containsExactlyInAnyOrder(2L, 1L, 7L); // BIGINT both sides
    }

    private static Sql numbers() {
        SqlCatalog catalog = new SqlCatalog();
        catalog.registerTable(
                "nums",
                Table.create(
                        "nums",
                        IntColumn.create("k", 1, 1, 1, 2, 2),
                        IntColumn.create("v", -1, -1, 0, 1, 2),
                        LongColumn.create(
                                "big",
                                Long.MAX_VALUE,
                                Long.MAX_VALUE,
                                Long.MAX_VALUE,
                                -Long.MAX_VALUE,
                                -Long.MAX_VALUE)));
        return new Sql(catalog);
    }

    @Test
    void when_decimalsAreAveraged_then_theQuotientIsRoundedHalfUpAtScalePlusFourAsInSpark() {
        Table t = rows(
                numbers(),
                "SELECT k, CAST(AVG(CAST(v AS DECIMAL(6, 2))) AS STRING) AS a, typeof(AVG(CAST(v AS DECIMAL(6, 2)))) AS ta,"
                        + " CAST(AVG(CAST(v AS DECIMAL(3, 0)) / 3) AS STRING) AS b"
                        + " FROM nums GROUP BY k ORDER BY k");
        // Spark 4: avg(DECIMAL(6, 2)) is DECIMAL(10, 6); -2/3 is -0.666667 (HALF_UP), not -0.666666
        assertThat(t.row(0).getString("a")).isEqualTo("-0.666667");
        assertThat(t.row(0).getString("ta")).isEqualTo("decimal(10,6)");
        assertThat(t.row(1).getString("a")).isEqualTo("1.500000");
        // v / 3 is DECIMAL(9, 6): -0.333333, -0.333333, 0 averaged at scale 10
        assertThat(t.row(0).getString("b")).isEqualTo("-0.2222220000");
        Table none = rows(numbers(), "SELECT AVG(CAST(v AS DECIMAL(6, 2))) AS a FROM nums WHERE k > 5");
        assertThat(none.column("a").isMissing(0)).isTrue();
    }

    @Test
    void when_bigintsWhoseSumPassesTheRangeAreAveraged_then_theySumAsDoublesAsInSpark() {
        Table t = rows(numbers(), "SELECT k, AVG(big) AS a, AVG(DISTINCT big) AS d FROM nums GROUP BY k ORDER BY k");
        assertThat(t.row(0).getDouble("a")).isEqualTo((double) Long.MAX_VALUE);
        assertThat(t.row(1).getDouble("a")).isEqualTo((double) -Long.MAX_VALUE);
        assertThat(t.row(0).getDouble("d")).isEqualTo((double) Long.MAX_VALUE);
        Table all = rows(numbers(), "SELECT AVG(big) AS a, AVG(v) AS b, try_avg(big) AS c FROM nums");
        // (3 * MAX - 2 * MAX) / 5 in doubles: Spark's sum is a DOUBLE, no overflow
        double expected = ((double) Long.MAX_VALUE * 3 + (double) -Long.MAX_VALUE * 2) / 5;
        assertThat(all.row(0).getDouble("a")).isEqualTo(expected);
        assertThat(all.row(0).getDouble("b")).isEqualTo(0.2);
        assertThat(all.row(0).getDouble("c")).isEqualTo(expected);
    }

    @Test
    void when_greatestOrLeastMeetsNaN_then_NaNIsAboveEveryNumberAsInSpark() {
        Table t = rows(
                pages(),
                "SELECT greatest(sqrt(visits - 3), 1.0E0) AS g1, greatest(1.0E0, sqrt(visits - 3)) AS g2,"
                        + " least(sqrt(visits - 3), 1.0E0) AS l1, least(1.0E0, sqrt(visits - 3), 5) AS l2,"
                        + " greatest(visits, sqrt(visits - 3), NULL) AS g3, least(sqrt(visits - 3), sqrt(-1.0E0)) AS l3"
                        + " FROM pages WHERE page = 'home'");
        assertThat((Double) t.column("g1").get(0)).isNaN();
        assertThat((Double) t.column("g2").get(0)).isNaN();
        assertThat(t.row(0).getDouble("l1")).isEqualTo(1.0);
        assertThat(t.row(0).getDouble("l2")).isEqualTo(1.0);
        assertThat((Double) t.column("g3").get(0)).isNaN();
        assertThat((Double) t.column("l3").get(0)).isNaN();
        Table plain = rows(
                pages(),
                "SELECT greatest(visits, 3, CAST(2 AS BIGINT)) AS g, least(page, 'b') AS l FROM pages ORDER BY page");
        assertThat(List.<Object>copyOf(plain.column("g").asList())).containsExactly(3L, 3L);
        assertThat(List.<Object>copyOf(plain.column("l").asList())).containsExactly("b", "b");
    }

    @Test
    void when_aColumnIsNamedByAWordCalciteReserves_then_itIsANameUnquotedOrInBackTicksAsInSpark() {
        Table plain = rows(pages(), "SELECT count * 2 AS d FROM (SELECT visits AS count FROM pages) ORDER BY d");
        assertThat(List.<Object>copyOf(plain.column("d").asList())).containsExactly(2, 4);
        Table t = rows(pages(), "SELECT `count` * 2 AS d FROM (SELECT visits AS `count` FROM pages) ORDER BY d");
        assertThat(List.<Object>copyOf(t.column("d").asList())).containsExactly(2, 4);
    }

    @Test
    void when_approxCountDistinctAggregatesAWholeTable_then_itCountsTheDistinctValues() {
        SqlCatalog catalog = new SqlCatalog();
        catalog.registerTable("t1", Table.create("t1", IntColumn.create("a", 1, 2, 2, 7)));
        Table t = rows(new Sql(catalog), "SELECT approx_count_distinct(a) AS c FROM t1");
        assertThat(t.rowCount()).isEqualTo(1);
        assertThat(((Number) t.get(0, 0)).longValue()).isEqualTo(3L);
    }
}
