package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timestamps keep Spark's precision, the microsecond, in a batch query and in a streaming query alike: text, literals,
 * every function that makes or reads a timestamp, casts and interval arithmetic. A finer fraction than the
 * microsecond is cut, as Spark's parsers cut it. The answers are Spark 4.2's for the same queries.
 */
class SqlTimestampMicrosBatchAndStreamTest {
    private static final BatchAndStream T = new BatchAndStream().row("2024-01-01 00:00:00.123999", 1, 59.9999994);
    private static final BatchAndStream BEFORE_1970 =
            new BatchAndStream().row("1969-12-31 23:59:59.999999", -1, 0.000001);

    @Test
    void when_textWithMicrosecondsIsCastToATimestamp_then_theMicrosecondsStay() {
        T.assertEachAnswers(
                answers("CAST(CAST(s AS TIMESTAMP) AS STRING)", "2024-01-01 00:00:00.123999"),
                answers(
                        "CAST(CAST('2024-01-01 00:00:00.1239994' AS TIMESTAMP) AS STRING)",
                        "2024-01-01 00:00:00.123999"),
                answers("CAST(CAST('1969-12-31 23:59:59.9999' AS TIMESTAMP) AS STRING)", "1969-12-31 23:59:59.9999"),
                answers("unix_micros(CAST('1969-12-31 23:59:59.9999' AS TIMESTAMP))", "-100"),
                answers("unix_millis(CAST('1969-12-31 23:59:59.9999' AS TIMESTAMP))", "-1"),
                answers("CAST(CAST('2024-01-01 10:00:00.5' AS TIMESTAMP) AS STRING)", "2024-01-01 10:00:00.5"));
    }

    @Test
    void when_aFunctionMakesATimestampWithMicroseconds_then_theyStay() {
        T.assertEachAnswers(
                answers("CAST(to_timestamp(s) AS STRING)", "2024-01-01 00:00:00.123999"),
                answers("CAST(make_timestamp(2024, 1, 1, 0, 0, 59.999999) AS STRING)", "2024-01-01 00:00:59.999999"),
                answers("CAST(make_timestamp(2024, 1, 1, 0, 0, x) AS STRING)", "2024-01-01 00:00:59.999999"),
                answers("unix_micros(timestamp_micros(1700000000123456))", "1700000000123456"),
                answers("unix_micros(make_timestamp(1969, 12, 31, 23, 59, 59.9999))", "-100"),
                answers("date_format(CAST(s AS TIMESTAMP), 'HH:mm:ss.SSSSSS')", "00:00:00.123999"),
                answers("CAST(date_trunc('MILLISECOND', CAST(s AS TIMESTAMP)) AS STRING)", "2024-01-01 00:00:00.123"),
                answers(
                        "CAST(to_timestamp('2024-01-01 00:00:00.123456', 'yyyy-MM-dd HH:mm:ss.SSSSSS') AS STRING)",
                        "2024-01-01 00:00:00.123456"),
                answers("unix_seconds(timestamp_seconds(a))", "1"));
    }

    @Test
    void when_aLiteralHasMicroseconds_then_theyAreCompared() {
        T.assertEachAnswers(
                answers("unix_micros(TIMESTAMP '2024-01-01 00:00:00.123456')", "1704067200123456"),
                answers(
                        "CAST(s AS TIMESTAMP) > TIMESTAMP '2024-01-01 00:00:00.123998', CAST(s AS TIMESTAMP) = TIMESTAMP '2024-01-01 00:00:00.123999'",
                        "true true"));
        T.assertBothAnswer(
                "SELECT a FROM t WHERE CAST(s AS TIMESTAMP) IN (TIMESTAMP '2024-01-01 00:00:00.123999',"
                        + " TIMESTAMP '2024-01-01 00:00:00.123')",
                "1");
    }

    @Test
    void when_timestampsWithMicrosecondsMeetIntervalsAndDates_then_theMicrosecondsStay() {
        T.assertEachAnswers(
                answers("CAST(CAST(s AS TIMESTAMP) + INTERVAL '1' HOUR AS STRING)", "2024-01-01 01:00:00.123999"),
                answers("CAST(CAST(s AS TIMESTAMP) - INTERVAL '1' DAY AS STRING)", "2023-12-31 00:00:00.123999"),
                answers("CAST(CAST(CAST(s AS TIMESTAMP) AS DATE) AS STRING)", "2024-01-01"),
                answers("CAST(CAST(s AS TIMESTAMP) AS DOUBLE)", "1.704067200123999E9"));
    }

    @Test
    void when_aTimestampIsBefore1970_then_itsMicrosecondsCountTowardThePast() {
        BEFORE_1970.assertEachAnswers(
                answers("unix_micros(CAST(s AS TIMESTAMP))", "-1"),
                answers("unix_millis(CAST(s AS TIMESTAMP))", "-1"),
                answers("unix_seconds(CAST(s AS TIMESTAMP))", "-1"),
                answers("CAST(timestamp_micros(a) AS STRING)", "1969-12-31 23:59:59.999999"),
                answers(
                        "date_format(CAST(s AS TIMESTAMP), 'yyyy-MM-dd HH:mm:ss.SSSSSS')",
                        "1969-12-31 23:59:59.999999"),
                answers("CAST(date_trunc('SECOND', CAST(s AS TIMESTAMP)) AS STRING)", "1969-12-31 23:59:59"));
    }

    @Test
    void when_aResultHoldsMicroseconds_then_itShowsThemInUtcWithZ() {
        assertThat(BEFORE_1970.batch("SELECT CAST(s AS TIMESTAMP) AS c FROM t"))
                .containsExactly("1969-12-31T23:59:59.999999Z");
        assertThat(T.batch("SELECT CAST(s AS TIMESTAMP) AS c FROM t")).containsExactly("2024-01-01T00:00:00.123999Z");
    }

    @Test
    void when_batchQueriesOrderGroupAndJoinOnMicroseconds_then_neighboursStayApart() {
        BatchAndStream rows = new BatchAndStream()
                .row("2024-01-01 00:00:00.000001", 1, 1.0)
                .row("2024-01-01 00:00:00.000002", 2, 2.0)
                .row("2024-01-01 00:00:00.000002", 3, 3.0);
        assertThat(rows.batch("SELECT CAST(MIN(CAST(s AS TIMESTAMP)) AS STRING), CAST(MAX(CAST(s AS TIMESTAMP)) AS"
                        + " STRING) FROM t"))
                .containsExactly("2024-01-01 00:00:00.000001 2024-01-01 00:00:00.000002");
        assertThat(rows.batch("SELECT CAST(CAST(s AS TIMESTAMP) AS STRING), COUNT(*) FROM t GROUP BY CAST(s AS"
                        + " TIMESTAMP)"))
                .containsExactly("2024-01-01 00:00:00.000001 1", "2024-01-01 00:00:00.000002 2");
        assertThat(rows.batch("SELECT l.a, r.a FROM t l JOIN t r ON CAST(l.s AS TIMESTAMP) = CAST(r.s AS TIMESTAMP)"
                        + " AND l.a < r.a"))
                .containsExactly("2 3");
        assertThat(rows.batch("SELECT a FROM t ORDER BY CAST(s AS TIMESTAMP) DESC, a LIMIT 1"))
                .containsExactly("2");
    }

    @Test
    void when_textIsNoTimestamp_then_theCastFailsWithSparksError() {
        for (List<String> answer : List.of(
                T.batch("SELECT CAST(s || 'x' AS TIMESTAMP) AS c FROM t"),
                T.stream("SELECT CAST(s || 'x' AS TIMESTAMP) AS c FROM t"))) {
            assertThat(answer).hasSize(1);
            assertThat(answer.get(0)).startsWith("error:").contains("[CAST_INVALID_INPUT]");
        }
    }

    @Test
    void when_microsecondsAreAddedWithTimestampadd_then_theyStay() {
        T.assertBothAnswer(
                "SELECT CAST(TIMESTAMPADD(MICROSECOND, 7, CAST(s AS TIMESTAMP)) AS STRING) AS c FROM t",
                "2024-01-01 00:00:00.124006");
        T.assertBothAnswer(
                "SELECT CAST(dateadd(MICROSECOND, -1, CAST(s AS TIMESTAMP)) AS STRING) AS c FROM t",
                "2024-01-01 00:00:00.123998");
        T.assertBothAnswer(
                "SELECT CAST(dateadd(SECOND, a, CAST(s AS TIMESTAMP)) AS STRING) AS c FROM t",
                "2024-01-01 00:00:01.123999");
    }

    @Test
    void when_aFieldOrFormIsCalcitesOnly_then_itIsRefusedAsSparkRefusesIt() {
        // Spark 4.2: [INVALID_EXTRACT_FIELD] for MILLISECOND, MICROSECOND, EPOCH, DECADE, ISOYEAR ...; FLOOR(ts TO
        // DAY) is a syntax error (Calcite computed them from milliseconds)
        for (String field : List.of("MILLISECOND", "MICROSECOND", "EPOCH", "DECADE", "CENTURY", "ISOYEAR")) {
            T.assertBothFail(
                    "SELECT EXTRACT(" + field + " FROM CAST(s AS TIMESTAMP)) AS c FROM t", "[INVALID_EXTRACT_FIELD]");
        }
        T.assertBothFail("SELECT FLOOR(CAST(s AS TIMESTAMP) TO DAY) AS c FROM t", "[PARSE_SYNTAX_ERROR]");
        T.assertBothFail("SELECT CEIL(CAST(s AS TIMESTAMP) TO SECOND) AS c FROM t", "[PARSE_SYNTAX_ERROR]");
        T.assertBothAnswer(
                "SELECT EXTRACT(SECOND FROM CAST(s AS TIMESTAMP)), EXTRACT(DOW FROM CAST(s AS TIMESTAMP)) AS c FROM t",
                "0.123999 2");
    }

    @Test
    void when_valuesHoldTimestampLiterals_then_theirMicrosecondsStay() {
        assertThat(T.batch("SELECT unix_micros(v) AS c FROM (VALUES (TIMESTAMP '2024-01-01 00:00:00.123456', 1),"
                        + " (TIMESTAMP '1969-12-31 23:59:59.999999', 2), (NULL, 3)) AS x(v, n)"))
                .containsExactly("-1", "1704067200123456", "null");
        assertThat(T.batch("SELECT v FROM (VALUES (TIMESTAMP '2024-01-01 00:00:00.123456')) AS x(v)"))
                .containsExactly("2024-01-01T00:00:00.123456Z");
        assertThat(T.batch("SELECT TIMESTAMP '2024-05-01 12:07:00.123456' AS c"))
                .containsExactly("2024-05-01T12:07:00.123456Z");
    }
}
