package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Aggregates of DOUBLEs holding NaN, NULL and infinities answer as Spark 4 does, alone and next to a {@code
 * COUNT(DISTINCT ...)} (which Calcite plans as grouping sets with a MIN that used to turn NaN and +Infinity into
 * 1.7976931348623157E308): NaN is above every number, so MAX is NaN when a NaN is there and MIN only when every value
 * is.
 */
class SqlFloatingAggregatesTest {
    private static Sql table(String... values) {
        SqlCatalog catalog = new SqlCatalog();
        StringColumn g = StringColumn.create("g");
        StringColumn k = StringColumn.create("k");
        // text cast to DOUBLE: a Tablesaw DoubleColumn cannot hold NaN apart from a missing value
        StringColumn v = StringColumn.create("v");
        for (int i = 0; i < values.length; i++) {
            String[] parts = values[i].split(":");
            g.append(parts[0]);
            k.append("k" + (i % 2));
            if (parts[1].equals("null")) {
                v.appendMissing();
            } else {
                v.append(parts[1]);
            }
        }
        catalog.registerTable("raw", Table.create("raw", g, k, v));
        return new Sql(catalog);
    }

    private static List<String> row(Sql sql, String query) {
        String over = query.replace(" FROM t", " FROM (SELECT g, k, CAST(v AS DOUBLE) AS v FROM raw) t");
        Table t = ((SqlResult.Rows) sql.execute(over)).table();
        List<String> out = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            out.add(c.isMissing(0) ? "null" : String.valueOf(c.get(0)));
        }
        return out;
    }

    private static final String AGGREGATES = "SUM(v), AVG(v), MIN(v), MAX(v), COUNT(v), try_sum(v), try_avg(v)";

    @Test
    void when_aNaNIsAggregatedNextToACountDistinct_then_theAnswersAreSparks() {
        Sql sql = table("a:1.5", "a:NaN", "a:null", "a:-2.0");
        // Spark 4.2: NaN, NaN, -2.0, NaN, 3, NaN, NaN and 2 distinct keys
        List<String> expected = List.of("NaN", "NaN", "-2.0", "NaN", "3", "NaN", "NaN");
        assertThat(row(sql, "SELECT " + AGGREGATES + " FROM t")).containsExactlyElementsOf(expected);
        List<String> withDistinct = new ArrayList<>(expected);
        withDistinct.add("2");
        assertThat(row(sql, "SELECT " + AGGREGATES + ", COUNT(DISTINCT k) FROM t"))
                .containsExactlyElementsOf(withDistinct);
        withDistinct.set(7, "3"); // approx_count_distinct of v: 1.5, NaN and -2.0
        assertThat(row(sql, "SELECT " + AGGREGATES + ", approx_count_distinct(v) FROM t"))
                .containsExactlyElementsOf(withDistinct);
        assertThat(row(sql, "SELECT g, " + AGGREGATES + ", COUNT(DISTINCT k) FROM t GROUP BY g"))
                .containsExactly("a", "NaN", "NaN", "-2.0", "NaN", "3", "NaN", "NaN", "2");
    }

    @Test
    void when_onlyNaNsAndNullsAreAggregated_then_minIsNaNAsInSpark() {
        Sql sql = table("a:NaN", "a:null");
        assertThat(row(sql, "SELECT MIN(v), MAX(v), SUM(v), COUNT(DISTINCT k) FROM t"))
                .containsExactly("NaN", "NaN", "NaN", "2");
    }

    @Test
    void when_infinitiesAreAggregatedNextToACountDistinct_then_theyStayInfinite() {
        Sql sql = table("a:Infinity", "a:3.0");
        assertThat(row(sql, "SELECT SUM(v), MIN(v), MAX(v), AVG(v), COUNT(DISTINCT k) FROM t"))
                .containsExactly("Infinity", "3.0", "Infinity", "Infinity", "2");
        Sql both = table("a:Infinity", "a:-Infinity");
        assertThat(row(both, "SELECT SUM(v), MIN(v), MAX(v), COUNT(DISTINCT k) FROM t"))
                .containsExactly("NaN", "-Infinity", "Infinity", "2");
        Sql nulls = table("a:null", "a:null");
        assertThat(row(nulls, "SELECT SUM(v), MIN(v), MAX(v), AVG(v), COUNT(v), COUNT(DISTINCT k) FROM t"))
                .containsExactly("null", "null", "null", "null", "0", "2");
    }

    /**
     * Spark adds a SUM or AVG beside one distinct argument as partial sums per distinct value (its two-step plan), in
     * the order the values first appeared: k0's 1.0E308 + 1.0E308 is +Infinity and k1's -Infinity, so the sum is NaN,
     * where the same rows added in their order give 0.0 (Spark 4.2 answers both, checked by the differential probe).
     */
    @Test
    void when_sumsBesideADistinctOverflow_then_theyAreAddedAsSparksPartialSums() {
        Sql sql = table("a:1.0E308", "a:-1.0E308", "a:1.0E308", "a:-1.0E308");
        assertThat(row(sql, "SELECT SUM(v), AVG(v), try_sum(v), try_avg(v), COUNT(DISTINCT k) FROM t"))
                .containsExactly("NaN", "NaN", "NaN", "NaN", "2");
        assertThat(row(sql, "SELECT g, SUM(v), AVG(v), COUNT(DISTINCT k) FROM t GROUP BY g"))
                .containsExactly("a", "NaN", "NaN", "2");
        assertThat(row(sql, "SELECT SUM(v), AVG(v) FROM t")).containsExactly("0.0", "0.0");
        // k0's 1.5E308 - 1.0E308 is 5.0E307, plus k1's 1.0E308: finite, where row order passes +Infinity
        Sql ordered = table("a:1.5E308", "a:1.0E308", "a:-1.0E308");
        assertThat(row(ordered, "SELECT SUM(v), COUNT(DISTINCT k) FROM t")).containsExactly("1.5E308", "2");
        assertThat(row(ordered, "SELECT SUM(v) FROM t")).containsExactly("Infinity");
        // the rows of a NULL distinct value count too (their own partial sum), as do a NULL value's rows
        Sql nullKey = table("a:1.0", "a:2.0", "a:-3.0", "a:null");
        assertThat(row(nullKey, "SELECT SUM(v), AVG(v), COUNT(v), COUNT(DISTINCT CASE WHEN v > 0 THEN k END) FROM t"))
                .containsExactly("0.0", "0.0", "3", "2");
        assertThat(row(nullKey, "SELECT g, SUM(v), COUNT(DISTINCT CASE WHEN v < 0 THEN k END) FROM t GROUP BY g"))
                .containsExactly("a", "0.0", "1");
    }
}
