package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Spark's built-in date/time, text and math functions, by Spark's names and with Spark 4's answers (the values below
 * are Spark's, most from its function documentation), the same in a batch query and in a streaming query.
 */
class SqlSparkBuiltinsTest {
    private static final Instant TS = Instant.parse("2024-01-15T10:30:00Z"); // a Monday

    /** Each item and the text of Spark's answer for the row (s = 'sPark sql', n = -10, ts = TS). */
    private static final String[][] ITEMS = {
        {"day(ts)", "15"},
        {"dayofmonth(ts)", "15"},
        {"dayofweek(ts)", "2"},
        {"weekday(ts)", "0"},
        {"dayofyear(ts)", "15"},
        {"weekofyear(ts)", "3"},
        {"quarter(ts)", "1"},
        {"datediff(ts, TIMESTAMP '2024-01-01 23:00:00')", "14"},
        {"months_between(TIMESTAMP '1997-02-28 10:30:00', TIMESTAMP '1996-10-30 00:00:00')", "3.94959677"},
        {"months_between(TIMESTAMP '1997-02-28 10:30:00', TIMESTAMP '1996-10-30 00:00:00', false)", "3.9495967741935485"
        },
        {"unix_seconds(ts)", "1705314600"},
        {"regexp_extract('100-200', '([0-9]+)-([0-9]+)', 2)", "200"},
        {"regexp_extract('foo', '([0-9]+)', 1)", ""},
        {"regexp_replace('100-200', '[0-9]+', 'num')", "num-num"},
        {"lpad('hi', 5, '??')", "???hi"},
        {"lpad('hi', 1, '??')", "h"},
        {"rpad('hi', 5, '??')", "hi???"},
        {"initcap(s)", "Spark Sql"},
        {"instr('SparkSQL', 'SQL')", "6"},
        {"locate('bar', 'foobarbar', 5)", "7"},
        {"locate('', 'foobarbar', 3)", "1"}, // Spark finds the empty string at the start, whatever pos >= 1
        {"locate('', 'foo', 20)", "1"},
        {"locate('', '', 20)", "1"},
        {"locate('', 'foo', 0)", "0"},
        {"locate('o', 'foo', 4)", "0"},
        {"ltrim('  x ')", "x "},
        {"rtrim('  x ')", "  x"},
        {"nvl(CAST(NULL AS INT), 2)", "2"},
        {"ifnull(CAST(NULL AS INT), 3)", "3"},
        {"nvl2(CAST(NULL AS INT), 2, 1)", "1"},
        {"sign(n)", "-1.0"},
        {"pmod(n, 3)", "2"},
        {"pmod(7.5E0, -2)", "1.5"},
        {"bround(2.5E0, 0)", "2.0"},
        {"bround(3.5E0)", "4.0"},
        {"round(sqrt(CAST(n AS DOUBLE)))", "NaN"}, // Spark keeps NaN; Calcite's ROUND failed on it
        {"round(2.5E0)", "3.0"},
        {"log2(8)", "3.0"},
        {"log10(100)", "2.0"},
        {"ln(0)", "null"},
        {"log(2, 1024)", "10.0"},
        {"pow(2, 10)", "1024.0"},
        {"power(2, 0.5E0)", "1.4142135623730951"},
        {"sqrt(-CAST(n + 10 AS DOUBLE))", "-0.0"}, // Java's and Spark's sqrt(-0.0)
        {"unix_timestamp('2024-01-15', 'yyyy-MM-dd')", "1705276800"},
        {"unix_timestamp('2024-01-15 10:30:00')", "1705314600"},
        {"make_timestamp(2014, 12, 28, 6, 30, 45.887)", "2014-12-28T06:30:45.887Z"},
        {"to_timestamp('2024-01-15 10:30', 'yyyy-MM-dd HH:mm')", "2024-01-15T10:30:00Z"},
    };

    private static String query() {
        StringBuilder b = new StringBuilder("SELECT ");
        for (int i = 0; i < ITEMS.length; i++) {
            b.append(i == 0 ? "" : ", ").append(ITEMS[i][0]).append(" AS c").append(i);
        }
        return b.append(" FROM t").toString();
    }

    @Test
    void when_sparksBuiltinFunctionsAreCalled_then_batchAndStreamingAnswerAsSpark() {
        List<String> expected = new ArrayList<>();
        for (String[] item : ITEMS) {
            expected.add(item[1]);
        }
        assertThat(batch(query())).containsExactlyElementsOf(expected);
        assertThat(stream(query())).containsExactlyElementsOf(expected);
    }

    private static final String DATE_QUERY = "SELECT last_day(ts), next_day(ts, 'Mon'), date_add(ts, 20),"
            + " date_sub(ts, 15), add_months(TIMESTAMP '2024-01-31 00:00:00', 1), make_date(2024, 2, 29),"
            + " to_date('2024-03-01 08:00:00'), datediff(to_date('2024-03-01'), ts), to_date(ts),"
            + " CAST(ts AS DATE), CAST(to_date(ts) AS STRING), CAST(to_date(ts) AS TIMESTAMP),"
            + " date_add(to_date(ts), n), add_months(DATE '2000-01-31', 1), next_day(to_date(ts), 'FRIDAY'),"
            + " to_date(ts) > DATE '2024-01-14', to_date(ts) = '2024-01-15', to_date(ts) < ts FROM t";

    private static final List<String> DATE_ANSWERS = List.of(
            "2024-01-31",
            "2024-01-22",
            "2024-02-04",
            "2023-12-31",
            "2024-02-29",
            "2024-02-29",
            "2024-03-01",
            "46",
            "2024-01-15",
            "2024-01-15",
            "2024-01-15",
            "2024-01-15T00:00:00Z",
            "2024-01-05",
            "2000-02-29",
            "2024-01-19",
            "true",
            "true",
            "true");

    @Test
    void when_aFunctionGivesADate_then_batchAndStreamingAnswerTheSameDatesAsSpark() {
        assertThat(batch(DATE_QUERY)).containsExactlyElementsOf(DATE_ANSWERS);
        assertThat(date("x", -10, DATE_QUERY)).containsExactlyElementsOf(DATE_ANSWERS);
    }

    @Test
    void when_aStreamingQueryGroupsByADay_then_itCountsPerDayAsABatchQueryDoes() {
        String query = "SELECT to_date(ts) AS d, COUNT(*) AS c, MIN(to_date(ts)) AS lo FROM t GROUP BY to_date(ts)";
        assertThat(batch(query)).containsExactly("2024-01-15", "1", "2024-01-15");
        assertThat(date("x", 1, query)).containsExactly("2024-01-15", "1", "2024-01-15");
    }

    @Test
    void when_aStreamingDateFunctionGetsAnIllegalArgument_then_theQueryFailsWithSparksError() {
        assertThatThrownBy(() -> date("x", 30, "SELECT make_date(2023, 2, n) FROM t"))
                .hasStackTraceContaining("DATETIME_FIELD_OUT_OF_BOUNDS");
        assertThatThrownBy(() -> date("x", 1, "SELECT next_day(ts, s) FROM t"))
                .hasStackTraceContaining("ILLEGAL_DAY_OF_WEEK");
    }

    @Test
    void when_aFunctionsArgumentIsOutOfRange_then_theQueryFailsWithSparksError() {
        assertThatThrownBy(() -> batch("SELECT make_date(2023, 2, 29) FROM t"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("DATETIME_FIELD_OUT_OF_BOUNDS");
        assertThatThrownBy(() -> batch("SELECT pmod(n, 0) FROM t")) // Spark 4.2's Pmod: remainderByZeroError
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("REMAINDER_BY_ZERO");
        assertThatThrownBy(() -> batch("SELECT lpad(s, 2147483647, 'x') FROM t"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> batch("SELECT unix_timestamp('2024-01-15') FROM t")) // not yyyy-MM-dd HH:mm:ss
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("CANNOT_PARSE_TIMESTAMP");
        assertThatThrownBy(() -> batch("SELECT next_day(ts, 'xx') FROM t"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("ILLEGAL_DAY_OF_WEEK");
    }

    /**
     * Spark puts a time alone on the current day; a batch query's current day is its session clock's (read once when
     * it starts; this session's manual clock is at 1970-01-01), as current_date() answers.
     */
    @Test
    void when_timestampTextHasOnlyATime_then_itIsThatTimeOnTheQuerysDayAsInSpark() {
        List<String> row = batch("SELECT to_timestamp('10:30'), to_timestamp('T07:05:09.5'), to_timestamp('2024-1-5'),"
                + " to_timestamp(from_unixtime(-9223372036854775807, 'HH:mm')), CAST(current_date() AS STRING) FROM t");
        assertThat(row)
                .containsExactly(
                        "1970-01-01T10:30:00Z",
                        "1970-01-01T07:05:09.500Z",
                        "2024-01-05T00:00:00Z",
                        "1970-01-01T00:00:00Z",
                        "1970-01-01");
    }

    @Test
    void when_aPatternHasWeekBasedLetters_then_theQueryFailsAsInSpark3AndLater() {
        assertThatThrownBy(() -> batch("SELECT date_format(ts, 'YYYY ww') FROM t"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("DATETIME_PATTERN_RECOGNITION");
    }

    private static List<String> batch(String query) {
        Sql sql = new Sql(Eddy.builder().clock(new ManualClock(0)).build());
        sql.catalog()
                .registerTable(
                        "t",
                        Table.create(
                                "t",
                                StringColumn.create("s", "sPark sql"),
                                IntColumn.create("n", new int[] {-10}),
                                InstantColumn.create("ts", new Instant[] {TS})));
        Table t = ((SqlResult.Rows) sql.execute(query)).table();
        List<String> out = new ArrayList<>();
        for (int c = 0; c < t.columnCount(); c++) {
            out.add(t.column(c).isMissing(0) ? "null" : text(t.column(c).get(0)));
        }
        return out;
    }

    /** The streaming query's one row over ("sPark sql", -10, TS), as {@link #date} gives it. */
    private static List<String> stream(String query) {
        return date("sPark sql", -10, query);
    }

    /** A streaming query's one row over (s, n, TS), values as text (a TIMESTAMP as its instant). */
    private static List<String> date(String s, int n, String query) {
        Eddy eddy =
                Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
        Sql sql = new Sql(eddy).startInserts(false);
        MemoryStream t = eddy.memoryStream(Schema.of(
                Field.of("s", DataType.STRING), Field.of("n", DataType.INT), Field.of("ts", DataType.TIMESTAMP)));
        sql.catalog().registerStream("t", t.toDF());
        var q = sql.stream(query);
        try (QueryTestDriver d =
                QueryTestDriver.start(q.writeStream().outputMode(query.contains("GROUP BY") ? "complete" : "append"))) {
            t.addData(new Object[] {s, n, TS.getEpochSecond() * 1_000_000L});
            List<Row> rows = d.runTrigger().newRows();
            assertThat(rows).hasSize(1);
            List<String> out = new ArrayList<>();
            for (int c = 0; c < rows.get(0).size(); c++) {
                Object v = rows.get(0).get(c);
                boolean ts = q.schema().field(c).type() == DataType.TIMESTAMP;
                out.add(
                        v == null
                                ? "null"
                                : ts ? Instant.EPOCH.plusNanos((Long) v * 1000).toString() : text(v));
            }
            return out;
        }
    }

    private static String text(Object v) {
        if (v instanceof Instant i) {
            return i.toString();
        }
        return String.valueOf(v);
    }
}
