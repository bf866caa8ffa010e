package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;

import org.junit.jupiter.api.Test;

/**
 * Spark 4.2's interval products, casts, constructors and literals answer alike in batch and streaming queries (each
 * value as Spark 4.2 gave it for the same expression in the batch differential's probe, sql/README.md): an interval
 * times a number is Spark's widest interval of its kind, rounded HALF_UP; a cast between intervals of one kind cuts
 * to the target's last field; text casts in Spark's forms; make_dt_interval, make_ym_interval and literals of
 * several units ({@code INTERVAL 1 DAY 2 HOURS}) are Spark's types.
 */
class SqlIntervalFormsBatchAndStreamTest {
    private static final String DAYS = "(to_date(s) - DATE '2024-01-01')";
    private static final String SPAN = "(to_timestamp(s) - TIMESTAMP '2024-01-31 00:00:00')";

    private static BatchAndStream rows() {
        return new BatchAndStream().row("2024-01-31", 3, 1.5).row("2024-02-29 10:30:15.5", -40, 2.0);
    }

    @Test
    void when_anIntervalIsMultipliedByANumber_then_itIsSparksWidestIntervalOfItsKind() {
        rows().assertEachAnswers(
                        answers("typeof(INTERVAL '3' HOUR * a)", "interval day to second", "interval day to second"),
                        answers("typeof(2 * INTERVAL '3' MONTH)", "interval year to month", "interval year to month"),
                        answers(
                                "CAST(INTERVAL '3' HOUR * a AS STRING)",
                                "INTERVAL '-5 00:00:00' DAY TO SECOND",
                                "INTERVAL '0 09:00:00' DAY TO SECOND"),
                        answers(
                                "CAST(x * INTERVAL '3' HOUR AS STRING)",
                                "INTERVAL '0 04:30:00' DAY TO SECOND",
                                "INTERVAL '0 06:00:00' DAY TO SECOND"),
                        answers(
                                "CAST(" + DAYS + " * 2.5 AS STRING)",
                                "INTERVAL '147 12:00:00' DAY TO SECOND",
                                "INTERVAL '75 00:00:00' DAY TO SECOND"),
                        answers(
                                "CAST(INTERVAL '1' MONTH * x AS STRING)",
                                "INTERVAL '0-2' YEAR TO MONTH",
                                "INTERVAL '0-2' YEAR TO MONTH"),
                        answers("a * x", "-80", "4.5"));
    }

    @Test
    void when_aProductOfAnIntervalOverflows_then_theQueryFails() {
        rows().assertEachFails("long overflow", "INTERVAL '106751991' DAY * a", "INTERVAL '106751991' DAY * 2");
        rows().assertEachFails("integer overflow", "INTERVAL '178956970' YEAR * a");
    }

    @Test
    void when_aFieldTheIntervalDoesNotHaveIsExtracted_then_theQueryFailsAsSparks() {
        rows().assertEachFails(
                        "[INVALID_EXTRACT_FIELD]",
                        "EXTRACT(HOUR FROM " + DAYS + ")",
                        "EXTRACT(MINUTE FROM " + DAYS + ")",
                        "EXTRACT(MINUTE FROM INTERVAL '3' HOUR)");
        rows().assertEachAnswers(
                        answers("EXTRACT(DAY FROM " + DAYS + ")", "30", "59"),
                        answers("EXTRACT(HOUR FROM INTERVAL '1 02:03' DAY TO MINUTE)", "2", "2"));
    }

    @Test
    void when_anIntervalIsCastToAnotherOfItsKind_then_itIsCutToTheTargetsLastField() {
        rows().assertEachAnswers(
                        answers(
                                "CAST(CAST(" + DAYS + " AS INTERVAL HOUR) AS STRING)",
                                "INTERVAL '1416' HOUR",
                                "INTERVAL '720' HOUR"),
                        answers("typeof(CAST(" + DAYS + " AS INTERVAL HOUR))", "interval hour", "interval hour"),
                        answers(
                                "CAST(CAST(" + SPAN + " AS INTERVAL HOUR TO MINUTE) AS STRING)",
                                "INTERVAL '00:00' HOUR TO MINUTE",
                                "INTERVAL '706:30' HOUR TO MINUTE"),
                        answers(
                                "CAST(CAST(-" + SPAN + " AS INTERVAL DAY) AS STRING)",
                                "INTERVAL '-29' DAY",
                                "INTERVAL '0' DAY"),
                        answers(
                                "CAST(CAST(INTERVAL '-1 02:03:04.5' DAY TO SECOND AS INTERVAL SECOND) AS STRING)",
                                "INTERVAL '-93784.5' SECOND",
                                "INTERVAL '-93784.5' SECOND"),
                        answers(
                                "CAST(CAST(INTERVAL '-1-5' YEAR TO MONTH AS INTERVAL YEAR) AS STRING)",
                                "INTERVAL '-1' YEAR",
                                "INTERVAL '-1' YEAR"),
                        answers(
                                "CAST(CAST(a AS INTERVAL MINUTE) AS STRING)",
                                "INTERVAL '-40' MINUTE",
                                "INTERVAL '03' MINUTE"),
                        answers(
                                "CAST(CAST(a AS INTERVAL SECOND) AS STRING)",
                                "INTERVAL '-40' SECOND",
                                "INTERVAL '03' SECOND"),
                        answers(
                                "CAST(CAST(a AS INTERVAL YEAR) AS STRING)",
                                "INTERVAL '-40' YEAR",
                                "INTERVAL '3' YEAR"));
    }

    @Test
    void when_textIsCastToAnInterval_then_itIsReadInSparksForms() {
        rows().assertEachAnswers(
                        answers(
                                "CAST(CAST('-1 02:03:04.123456' AS INTERVAL DAY TO SECOND) AS STRING)",
                                "INTERVAL '-1 02:03:04.123456' DAY TO SECOND",
                                "INTERVAL '-1 02:03:04.123456' DAY TO SECOND"),
                        answers(
                                "CAST(CAST(' 02:03 ' AS INTERVAL HOUR TO MINUTE) AS STRING)",
                                "INTERVAL '02:03' HOUR TO MINUTE",
                                "INTERVAL '02:03' HOUR TO MINUTE"),
                        answers(
                                "CAST(CAST('INTERVAL -''1-2'' YEAR TO MONTH' AS INTERVAL YEAR TO MONTH) AS STRING)",
                                "INTERVAL '-1-2' YEAR TO MONTH",
                                "INTERVAL '-1-2' YEAR TO MONTH"),
                        answers(
                                "CAST(CAST(CAST(" + SPAN + " AS STRING) AS INTERVAL DAY TO SECOND) AS STRING)",
                                "INTERVAL '0 00:00:00' DAY TO SECOND",
                                "INTERVAL '29 10:30:15.5' DAY TO SECOND"),
                        answers("CAST(try_cast(s AS INTERVAL DAY) AS STRING)", "null", "null"));
        rows().assertEachFails(
                        "[INVALID_INTERVAL_FORMAT",
                        "CAST(s AS INTERVAL DAY)",
                        "CAST('INTERVAL ''3'' DAY' AS INTERVAL HOUR)",
                        "CAST('1 25' AS INTERVAL DAY TO HOUR)");
    }

    /** Spark 4.2's answers to text past each interval type's range (probed with the batch differential). */
    @Test
    void when_textIsPastAnIntervalsRange_then_aDayHourOrMinuteAloneWrapsAroundAndOthersFailAsSpark() {
        rows().assertEachAnswers(
                        answers(
                                "CAST(CAST('106751992' AS INTERVAL DAY) AS STRING)",
                                "INTERVAL '-106751990' DAY",
                                "INTERVAL '-106751990' DAY"),
                        answers(
                                "CAST(CAST(CAST(a + 106751989 AS STRING) AS INTERVAL DAY) AS STRING)",
                                "INTERVAL '-106751990' DAY",
                                "INTERVAL '106751949' DAY"),
                        answers(
                                "CAST(CAST('-106751992' AS INTERVAL DAY) AS STRING)",
                                "INTERVAL '106751990' DAY",
                                "INTERVAL '106751990' DAY"),
                        answers(
                                "CAST(CAST('213503982' AS INTERVAL DAY) AS STRING)",
                                "INTERVAL '-0' DAY",
                                "INTERVAL '-0' DAY"),
                        answers(
                                "CAST(CAST('INTERVAL ''106751992'' DAY' AS INTERVAL DAY) AS STRING)",
                                "INTERVAL '-106751990' DAY",
                                "INTERVAL '-106751990' DAY"),
                        answers(
                                "CAST(CAST('2562047789' AS INTERVAL HOUR) AS STRING)",
                                "INTERVAL '-2562047787' HOUR",
                                "INTERVAL '-2562047787' HOUR"),
                        answers(
                                "CAST(CAST('153722867281' AS INTERVAL MINUTE) AS STRING)",
                                "INTERVAL '-153722867280' MINUTE",
                                "INTERVAL '-153722867280' MINUTE"),
                        answers(
                                "CAST(try_cast('106751992' AS INTERVAL DAY) AS STRING)",
                                "INTERVAL '-106751990' DAY",
                                "INTERVAL '-106751990' DAY"),
                        answers(
                                "CAST(CAST('-2147483648' AS INTERVAL MONTH) AS STRING)",
                                "INTERVAL '-2147483648' MONTH",
                                "INTERVAL '-2147483648' MONTH"),
                        answers(
                                "CAST(CAST('-178956970-8' AS INTERVAL YEAR TO MONTH) AS STRING)",
                                "INTERVAL '-178956970-8' YEAR TO MONTH",
                                "INTERVAL '-178956970-8' YEAR TO MONTH"),
                        answers("CAST(try_cast('178956971' AS INTERVAL YEAR) AS STRING)", "null", "null"));
        rows().assertEachFails(
                        "[INVALID_INTERVAL_FORMAT.INTERVAL_PARSING]",
                        "CAST('178956971' AS INTERVAL YEAR)",
                        "CAST('2147483648' AS INTERVAL MONTH)",
                        "CAST('178956970-8' AS INTERVAL YEAR TO MONTH)",
                        "CAST('-178956970-9' AS INTERVAL YEAR TO MONTH)",
                        "CAST(CAST(a + 178956968 AS STRING) AS INTERVAL YEAR)");
        rows().assertEachFails(
                        "[INVALID_INTERVAL_FORMAT",
                        "CAST('9999999999' AS INTERVAL DAY)",
                        "CAST('18446744073709551617' AS INTERVAL HOUR)");
        // two fields past the range fail in Spark too (its checks of each field, or long overflow)
        rows().assertEachFails(
                        "[INTERVAL_ARITHMETIC_OVERFLOW]",
                        "CAST('106751992 00' AS INTERVAL DAY TO HOUR)",
                        "CAST('106751991 05' AS INTERVAL DAY TO HOUR)");
    }

    @Test
    void when_intervalsAreMadeFromTheirFields_then_theyAreSparksTypes() {
        rows().assertEachAnswers(
                        answers(
                                "CAST(make_dt_interval(a, 2, 3, x) AS STRING)",
                                "INTERVAL '-39 21:56:58' DAY TO SECOND",
                                "INTERVAL '3 02:03:01.5' DAY TO SECOND"),
                        answers(
                                "CAST(make_ym_interval(a, 2) AS STRING)",
                                "INTERVAL '-39-10' YEAR TO MONTH",
                                "INTERVAL '3-2' YEAR TO MONTH"),
                        answers(
                                "CAST(make_dt_interval(1) AS STRING)",
                                "INTERVAL '1 00:00:00' DAY TO SECOND",
                                "INTERVAL '1 00:00:00' DAY TO SECOND"),
                        answers("typeof(make_dt_interval(a))", "interval day to second", "interval day to second"),
                        answers("typeof(make_ym_interval(a))", "interval year to month", "interval year to month"));
        rows().assertEachFails("[INTERVAL_ARITHMETIC_OVERFLOW", "make_dt_interval(106751992 + a, 0, 0, 0)");
        // Spark 4.2 answers make_interval with its legacy CalendarInterval, which Eddy does not have: refused by name
        rows().assertEachFails("make_interval is not supported", "make_interval(1, 2, 3, 4, 5, 6, 7.5)");
    }

    @Test
    void when_aLiteralHasSeveralUnits_then_itIsOneIntervalFromTheFirstUnitToTheLast() {
        rows().assertEachAnswers(
                        answers(
                                "CAST(INTERVAL 1 DAY 2 HOURS AS STRING)",
                                "INTERVAL '1 02' DAY TO HOUR",
                                "INTERVAL '1 02' DAY TO HOUR"),
                        answers("typeof(INTERVAL 1 DAY 2 HOURS)", "interval day to hour", "interval day to hour"),
                        answers(
                                "CAST(INTERVAL '1' YEAR '2' MONTH AS STRING)",
                                "INTERVAL '1-2' YEAR TO MONTH",
                                "INTERVAL '1-2' YEAR TO MONTH"),
                        answers(
                                "CAST(INTERVAL -1 DAY 2 HOURS AS STRING)",
                                "INTERVAL '-0 22' DAY TO HOUR",
                                "INTERVAL '-0 22' DAY TO HOUR"),
                        answers(
                                "CAST(INTERVAL 2 HOURS 30 MINUTES 1.5 SECONDS AS STRING)",
                                "INTERVAL '02:30:01.5' HOUR TO SECOND",
                                "INTERVAL '02:30:01.5' HOUR TO SECOND"),
                        answers(
                                "CAST(to_timestamp(s) + INTERVAL 1 DAY 2 HOURS AS STRING)",
                                "2024-02-01 02:00:00",
                                "2024-03-01 12:30:15.5"));
    }

    @Test
    void when_intervalsAreSummedOrAveraged_then_theyAreSparksTypesAndValues() {
        BatchAndStream t = rows();
        // a streaming aggregation runs in complete mode (BatchAndStream): grouped by a key that is one group
        String group = " FROM t GROUP BY a > 100";
        t.assertBothAnswer(
                "SELECT CAST(SUM(" + SPAN + ") AS STRING)" + group, "INTERVAL '29 10:30:15.5' DAY TO SECOND");
        t.assertBothAnswer(
                "SELECT CAST(AVG(" + SPAN + ") AS STRING)" + group, "INTERVAL '14 17:15:07.75' DAY TO SECOND");
        t.assertBothAnswer("SELECT CAST(SUM(" + DAYS + ") AS STRING)" + group, "INTERVAL '89' DAY");
        t.assertBothAnswer("SELECT CAST(AVG(" + DAYS + ") AS STRING)" + group, "INTERVAL '44 12:00:00' DAY TO SECOND");
        // with COUNT(*) beside it: a streaming query whose only aggregate is under typeof() has none left to run
        t.assertBothAnswer("SELECT typeof(SUM(INTERVAL '3' HOUR)), COUNT(*)" + group, "interval hour 2");
        t.assertBothAnswer("SELECT typeof(AVG(INTERVAL '3' HOUR)), COUNT(*)" + group, "interval day to second 2");
        t.assertBothAnswer("SELECT CAST(SUM(INTERVAL '3' HOUR) AS STRING)" + group, "INTERVAL '06' HOUR");
        t.assertBothAnswer(
                "SELECT CAST(SUM(make_ym_interval(a, 0)) AS STRING)" + group, "INTERVAL '-37-0' YEAR TO MONTH");
        t.assertBothAnswer(
                "SELECT CAST(AVG(make_ym_interval(a, 0)) AS STRING)" + group, "INTERVAL '-18-6' YEAR TO MONTH");
        t.assertBothAnswer("SELECT CAST(AVG(CASE WHEN a > 100 THEN " + DAYS + " END) AS STRING)" + group, "null");
        t.assertBothAnswer("SELECT SUM(a), AVG(x)" + group, "-37 1.75");
        t.assertBothFail("SELECT SUM(INTERVAL '106751991' DAY)" + group, "[INTERVAL_ARITHMETIC_OVERFLOW");
        t.assertBothFail("SELECT SUM(make_ym_interval(178956970, a))" + group, "[INTERVAL_ARITHMETIC_OVERFLOW");
    }
}
