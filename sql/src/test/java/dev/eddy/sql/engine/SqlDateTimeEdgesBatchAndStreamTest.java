package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.ExactDateColumn;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.Table;

/**
 * Spark 4.2's answers at the edges of its DATE and TIMESTAMP ranges, alike in batch and streaming queries (the values
 * are Spark's, checked against Spark by the differential corpus and its probe): {@code timestampadd}/{@code dateadd}
 * far into the future and past the TIMESTAMP range, {@code date_add}/{@code date_sub} wrapping around the INT of
 * days, the text of a year past 9999, {@code localtimestamp} (a type Eddy lacks), and date-only text cast to a
 * TIMESTAMP.
 */
class SqlDateTimeEdgesBatchAndStreamTest {
    private static BatchAndStream rows() {
        return new BatchAndStream().row("2024-01-31", 1, 1.5).row("2024-02-29 10:30:15.5", -40, 2.0);
    }

    /** Spark counts days, weeks, months, quarters and years on the calendar, to about 292,000 years either way. */
    @Test
    void when_timestampaddGoesFarWithinTheTimestampRange_then_itAnswersOnTheCalendar() {
        rows().assertBothAnswer(
                        "SELECT CAST(TIMESTAMPADD(DAY, 1000001, to_timestamp(s)) AS STRING),"
                                + " year(dateadd(MONTH, 1000001, to_timestamp(s))),"
                                + " CAST(TIMESTAMPADD(MONTH, 1, to_timestamp(s)) AS STRING),"
                                + " CAST(dateadd(YEAR, 1, to_timestamp(s)) AS STRING),"
                                + " CAST(TIMESTAMPADD(WEEK, -1, to_timestamp(s)) AS STRING),"
                                + " CAST(dateadd(QUARTER, 1, to_timestamp(s)) AS STRING) FROM t",
                        "4761-12-29 00:00:00 85357 2024-02-29 00:00:00 2025-01-31 00:00:00 2024-01-24 00:00:00"
                                + " 2024-04-30 00:00:00",
                        "4762-01-27 10:30:15.5 85357 2024-03-29 10:30:15.5 2025-02-28 10:30:15.5"
                                + " 2024-02-22 10:30:15.5 2024-05-29 10:30:15.5");
    }

    /** A batch result's TIMESTAMP past year 32767 keeps its year (Tablesaw's InstantColumn would wrap it). */
    @Test
    void when_aBatchResultTimestampIsPastTablesawsYears_then_itKeepsItsYear() {
        assertThat(rows().batch("SELECT TIMESTAMPADD(MONTH, 1000001, to_timestamp(s)) FROM t"))
                .containsExactly("+85357-06-30T00:00:00Z", "+85357-07-29T10:30:15.500Z");
    }

    /** Spark's DateTimeUtils.timestampAdd: a count or a result that does not fit fails with [DATETIME_OVERFLOW]. */
    @Test
    void when_timestampaddPassesTheTimestampRange_then_itFailsWithDatetimeOverflow() {
        BatchAndStream t = rows();
        t.assertBothFail(
                "SELECT TIMESTAMPADD(DAY, 2147483648, to_timestamp(s)) FROM t WHERE a > 0",
                "[DATETIME_OVERFLOW] Datetime operation overflow: add 2147483648L DAY to TIMESTAMP"
                        + " '2024-01-31 00:00:00'");
        t.assertBothFail(
                "SELECT dateadd(HOUR, -3000000000, to_timestamp(s)) FROM t WHERE a < 0",
                "[DATETIME_OVERFLOW] Datetime operation overflow: add -3000000000L HOUR to TIMESTAMP"
                        + " '2024-02-29 10:30:15.5'");
        t.assertBothFail(
                "SELECT TIMESTAMPADD(YEAR, 300000, to_timestamp(s)) FROM t", "[DATETIME_OVERFLOW]", "300000L YEAR");
        t.assertBothFail(
                "SELECT TIMESTAMPADD(MICROSECOND, 9223372036854775807, to_timestamp(s)) FROM t", "[DATETIME_OVERFLOW]");
        t.assertBothFail("SELECT dateadd(SECOND, 9223372036854775, to_timestamp(s)) FROM t", "[DATETIME_OVERFLOW]");
    }

    /** Spark 4.2 adds the days as an INT and wraps around (ANSI mode too); a year past 9999 is shown with its sign. */
    @Test
    void when_dateAddPassesTheIntOfDays_then_itWrapsAroundAsSpark() {
        rows().assertBothAnswer(
                        "SELECT CAST(date_add(to_date(s), 2147483647) AS STRING),"
                                + " CAST(date_sub(to_date(s), 2147483647) AS STRING),"
                                + " CAST(to_date(s) + 5000000 AS STRING), CAST(to_date(s) + 2147483647 AS STRING),"
                                + " CAST(to_date(s) - 2147483647 AS STRING),"
                                + " CAST(add_months(to_date(s), 1000000) AS STRING) FROM t",
                        "-5877587-07-21 -5877587-07-23 +15713-08-14 -5877587-07-21 -5877587-07-23 +85357-05-31",
                        "-5877587-08-19 -5877587-08-21 +15713-09-12 -5877587-08-19 -5877587-08-21 +85357-06-29");
        rows().assertBothFail("SELECT add_months(to_date(s), 2147483647) FROM t", "[ARITHMETIC_OVERFLOW]");
    }

    /**
     * A batch result's DATE past Tablesaw's years (±32,767) is shown as Spark shows it: the column is then an
     * ExactDateColumn (Spark's text; years 1000 to 9999 stay in Tablesaw's DateColumn, as before); a year before 1000
     * is padded ({@code 0999-11-22}), a year past 9999 signed.
     */
    @Test
    void when_aBatchResultDateIsPastTablesawsYears_then_itIsShownAsSpark() {
        BatchAndStream t = rows();
        String query = "SELECT date_add(to_date(s), 2147483647) FROM t";
        t.assertBothAnswer(query, "-5877587-07-21", "-5877587-08-19");
        Table far = t.batchTable(query + " ORDER BY 1");
        assertThat(far.column(0)).isInstanceOf(ExactDateColumn.class);
        assertThat(far.column(0).getString(0)).isEqualTo("-5877587-07-21");
        t.assertBothAnswer("SELECT CAST(to_date(s) + 5000000 AS DATE) FROM t", "+15713-08-14", "+15713-09-12");
        assertThat(t.batchTable("SELECT to_date(s) + 5000000 FROM t ORDER BY 1")
                        .column(0)
                        .getString(0))
                .isEqualTo("+15713-08-14");
        // a day before the Gregorian calendar began (1582) is the proleptic Gregorian day, as Spark's
        t.assertBothAnswer("SELECT DATE '1000-01-01' + a FROM t", "0999-11-22", "1000-01-02");
        Table early = t.batchTable("SELECT DATE '1000-01-01' + a FROM t ORDER BY 1");
        assertThat(early.column(0).getString(0)).isEqualTo("0999-11-22");
        Table near = t.batchTable("SELECT to_date(s) FROM t");
        assertThat(near.column(0)).isInstanceOf(DateColumn.class);
        // ordinary days and a NULL read before the first far one are kept when the column changes
        Table mixed = t.batchTable("SELECT d FROM (VALUES (1, DATE '2024-02-29'), (2, CAST(NULL AS DATE)),"
                + " (3, DATE '0999-12-31'), (4, DATE '1000-01-01')) AS v(k, d) ORDER BY k");
        assertThat(mixed.column(0)).isInstanceOf(ExactDateColumn.class);
        assertThat(mixed.column(0).getString(0)).isEqualTo("2024-02-29");
        assertThat(mixed.column(0).isMissing(1)).isTrue();
        assertThat(mixed.column(0).getString(2)).isEqualTo("0999-12-31");
        assertThat(mixed.column(0).getString(3)).isEqualTo("1000-01-01");
        assertThat(mixed.column(0).size()).isEqualTo(4);
    }

    /**
     * Spark reads a DATE as a timestamp (its midnight, UTC) in a cast, a comparison with a TIMESTAMP, date_format,
     * unix_timestamp, date_trunc, hour/minute/second, timestamp arithmetic: a day past the TIMESTAMP's range (about
     * ±290,000 years; date_add(d, 2147483647) is year -5877587) fails with its {@code long overflow}. Values from Spark
     * 4.2 (the differential probe).
     */
    @Test
    void when_aDatePastTheTimestampRangeIsReadAsATimestamp_then_itFailsWithLongOverflow() {
        BatchAndStream t = rows();
        String far = "date_add(to_date(s), 2147483647)";
        for (String e : List.of(
                "date_format(" + far + ", 'yyyy-MM-dd')",
                "unix_timestamp(" + far + ")",
                "CAST(" + far + " AS TIMESTAMP)",
                far + " < to_timestamp(s)",
                "date_trunc('DAY', " + far + ")",
                "hour(" + far + ")",
                "EXTRACT(SECOND FROM " + far + ")",
                far + " + INTERVAL '3' HOUR",
                "timestampadd(HOUR, 1, " + far + ")",
                "months_between(" + far + ", to_date(s))")) {
            t.assertBothFail("SELECT " + e + " FROM t", "long overflow");
        }
        // the last days whose midnight the TIMESTAMP holds, either way
        t.assertBothAnswer(
                "SELECT unix_micros(CAST(date_add(DATE '2024-01-01', 106732000) AS TIMESTAMP)),"
                        + " unix_micros(CAST(date_add(DATE '2024-01-01', -106752000) AS TIMESTAMP)),"
                        + " date_format(date_add(DATE '2024-01-01', 106000000), 'yyyy-MM-dd') FROM t WHERE a > 0",
                "9223348867200000000 -9221668732800000000 +292242-02-22");
        t.assertBothFail("SELECT CAST(date_add(DATE '2024-01-01', 106751990) AS TIMESTAMP) FROM t", "long overflow");
    }

    /** Spark's localtimestamp() is a TIMESTAMP_NTZ, a type Eddy does not have: refused by name with what to use. */
    @Test
    void when_localtimestampIsAskedFor_then_itIsRefusedByNameWithTheReason() {
        BatchAndStream t = rows();
        t.assertBothFail(
                "SELECT localtimestamp FROM t", "[UNSUPPORTED_FEATURE] localtimestamp is Spark's TIMESTAMP_NTZ");
        t.assertBothFail("SELECT localtimestamp() AS l FROM t", "use current_timestamp()");
    }

    /** Spark's cast reads a date alone as its midnight (UTC), in a streaming query as in a batch one. */
    @Test
    void when_dateOnlyTextIsCastToATimestamp_then_itIsItsMidnight() {
        rows().assertBothAnswer(
                        "SELECT CAST(CAST(s AS TIMESTAMP) AS STRING), CAST(try_cast(s AS TIMESTAMP) AS STRING),"
                                + " unix_micros(CAST(s AS TIMESTAMP)), CAST(CAST('2024-1-5' AS TIMESTAMP) AS STRING)"
                                + " FROM t",
                        "2024-01-31 00:00:00 2024-01-31 00:00:00 1706659200000000 2024-01-05 00:00:00",
                        "2024-02-29 10:30:15.5 2024-02-29 10:30:15.5 1709202615500000 2024-01-05 00:00:00");
        rows().row("not a time", 2, 0.0)
                .assertBothFail("SELECT CAST(s AS TIMESTAMP) FROM t", "[CAST_INVALID_INPUT]", "CAST(");
    }
}
