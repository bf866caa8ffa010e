package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;

import org.junit.jupiter.api.Test;

/**
 * Spark 4.2's casts, argument types and date fields where Calcite's differ, alike in batch and streaming queries (each
 * value as Spark 4.2 gave it for the same expression over the same rows in the batch differential's probe,
 * sql/README.md "Proof"): the epoch functions that take exactly a TIMESTAMP (or a DATE, or a number), a time alone
 * cast to a TIMESTAMP, numbers to intervals of any fields and intervals to numbers, the fields EXTRACT takes from an
 * interval, and date functions of a DATE past the TIMESTAMP's range.
 */
class SqlSparkCastsBatchAndStreamTest {
    /** A DATE past the TIMESTAMP's range: -5877587-06-21, a Friday. */
    private static final String FAR = "date_add(DATE '2024-01-01', 2147483647)";
    /** Far dates from the rows: -5877589-10-13 and -5877589-11-11. */
    private static final String FAR_ROWS = "date_add(to_date(s), 2147483000)";

    private static BatchAndStream rows() {
        return new BatchAndStream().row("2024-01-31", 3, 1.5).row("2024-02-29 10:30:15.5", -40, 2.0);
    }

    @Test
    void when_anEpochFunctionGetsAnotherType_then_itIsRefusedAsSparkRefusesIt() {
        rows().assertEachFails(
                        "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE]",
                        "unix_seconds(to_date(s))",
                        "unix_millis(to_date(s))",
                        "unix_micros(DATE '2024-01-02')",
                        "unix_seconds(s)",
                        "unix_date(to_timestamp(s))",
                        "timestamp_millis(s)",
                        "timestamp_seconds(s)");
        rows().assertEachAnswers(
                        answers("unix_seconds(to_timestamp(s))", "1706659200", "1709202615"),
                        answers("unix_date(to_date(s))", "19753", "19782"));
    }

    @Test
    void when_aTimeAloneIsCastToATimestamp_then_itIsThatTimeOnTheCurrentDay() {
        rows().assertEachAnswers(
                        answers(
                                "date_format(CAST('10:15:30' AS TIMESTAMP), 'HH:mm:ss.SSSSSS')",
                                "10:15:30.000000",
                                "10:15:30.000000"),
                        answers("date_format(CAST('T10:15' AS TIMESTAMP), 'HH:mm:ss')", "10:15:00", "10:15:00"),
                        answers("date_format(CAST('T10' AS TIMESTAMP), 'HH:mm:ss')", "10:00:00", "10:00:00"),
                        answers("date_format(CAST('10:15:30+01:00' AS TIMESTAMP), 'HH:mm:ss')", "09:15:30", "09:15:30"),
                        answers(
                                "date_format(CAST('10:15:30.123456789' AS TIMESTAMP), 'HH:mm:ss.SSSSSS')",
                                "10:15:30.123456",
                                "10:15:30.123456"));
        rows().assertEachFails(
                        "[CAST_INVALID_INPUT]",
                        "CAST('25:00:00' AS TIMESTAMP)",
                        "CAST('10:15:30' AS DATE)",
                        "CAST('10' AS TIMESTAMP)");
    }

    @Test
    void when_aTimeAloneIsReadAsATimestamp_then_theDayIsTheSessionClocksOrTheMicroBatchs() {
        // 2025-12-06T05:46:40Z: a batch query's session clock, a streaming query's micro-batch time (never the wall
        // clock's day)
        BatchAndStream t = rows().clockAt(1_765_000_000_000L);
        t.assertEachAnswers(
                answers("CAST(CAST('10:15:30' AS TIMESTAMP) AS STRING)", "2025-12-06 10:15:30", "2025-12-06 10:15:30"),
                answers(
                        "CAST(CAST(CASE WHEN a > 0 THEN '10:15:30' ELSE 'T07:05' END AS TIMESTAMP) AS STRING)",
                        "2025-12-06 07:05:00",
                        "2025-12-06 10:15:30"),
                answers(
                        "CAST(to_timestamp(CASE WHEN a > 0 THEN '10:15:30' ELSE 'T07:05' END) AS STRING)",
                        "2025-12-06 07:05:00",
                        "2025-12-06 10:15:30"));
    }

    @Test
    void when_aNumberIsCastToAnInterval_then_itCountsTheLastField() {
        rows().assertEachAnswers(
                        answers(
                                "CAST(CAST(a AS INTERVAL DAY TO HOUR) AS STRING)",
                                "INTERVAL '-1 16' DAY TO HOUR",
                                "INTERVAL '0 03' DAY TO HOUR"),
                        answers(
                                "CAST(CAST(a AS INTERVAL YEAR TO MONTH) AS STRING)",
                                "INTERVAL '-3-4' YEAR TO MONTH",
                                "INTERVAL '0-3' YEAR TO MONTH"),
                        answers(
                                "typeof(CAST(3 AS INTERVAL DAY TO HOUR))",
                                "interval day to hour",
                                "interval day to hour"),
                        answers(
                                "CAST(CAST(2.5 AS INTERVAL YEAR TO MONTH) AS STRING)",
                                "INTERVAL '0-3' YEAR TO MONTH",
                                "INTERVAL '0-3' YEAR TO MONTH"),
                        answers(
                                "CAST(CAST(2.5 AS INTERVAL MONTH) AS STRING)",
                                "INTERVAL '3' MONTH",
                                "INTERVAL '3' MONTH"),
                        answers(
                                "CAST(CAST(2.9 AS INTERVAL DAY TO HOUR) AS STRING)",
                                "INTERVAL '0 02' DAY TO HOUR",
                                "INTERVAL '0 02' DAY TO HOUR"),
                        answers(
                                "CAST(CAST(-1.2345675 AS INTERVAL MINUTE TO SECOND) AS STRING)",
                                "INTERVAL '-00:01.234568' MINUTE TO SECOND",
                                "INTERVAL '-00:01.234568' MINUTE TO SECOND"),
                        answers(
                                "CAST(CAST(CAST(x AS DECIMAL(3, 1)) AS INTERVAL MINUTE TO SECOND) AS STRING)",
                                "INTERVAL '00:01.5' MINUTE TO SECOND",
                                "INTERVAL '00:02' MINUTE TO SECOND"),
                        answers("try_cast(9223372036854775807 AS INTERVAL MINUTE TO SECOND)", "null", "null"));
        rows().assertEachFails(
                        "[CAST_OVERFLOW]",
                        "CAST(9223372036854775807 AS INTERVAL MINUTE TO SECOND)",
                        "CAST(99999999999.5 AS INTERVAL DAY TO HOUR)");
    }

    @Test
    void when_anIntervalIsCastToANumber_then_itIsItsCountOfTheLastField() {
        rows().assertEachAnswers(
                        answers("CAST(to_date(s) - DATE '2024-01-01' AS INT)", "30", "59"),
                        answers("CAST(to_timestamp(s) - TIMESTAMP '2024-01-31 00:00:00' AS BIGINT)", "0", "2543415"),
                        answers("CAST(INTERVAL '1 02' DAY TO HOUR AS INT)", "26", "26"),
                        answers("CAST(INTERVAL '1-2' YEAR TO MONTH AS INT)", "14", "14"),
                        answers("CAST(INTERVAL '3' DAY AS TINYINT)", "3", "3"),
                        answers("CAST(INTERVAL '3.5' SECOND AS DECIMAL(10, 0))", "4", "4"),
                        answers("try_cast(INTERVAL '300' DAY AS TINYINT)", "null", "null"));
        rows().assertEachFails("[CAST_OVERFLOW]", "CAST(INTERVAL '300' DAY AS TINYINT)");
    }

    @Test
    void when_EXTRACTNamesAFieldTheIntervalLacks_then_itIsRefusedAtValidation() {
        rows().assertEachFails(
                        "[INVALID_EXTRACT_FIELD]",
                        "typeof(EXTRACT(MINUTE FROM to_date(s) - DATE '2024-01-01') + 200)",
                        "typeof(date_part('MINUTE', to_date(s) - DATE '2024-01-01'))",
                        "EXTRACT(YEAR FROM INTERVAL '14' MONTH)",
                        "EXTRACT(MONTH FROM INTERVAL '2' YEAR)",
                        "EXTRACT(DAY FROM INTERVAL '1-2' YEAR TO MONTH)",
                        "EXTRACT(DAY FROM INTERVAL '3' HOUR)");
        rows().assertEachAnswers(
                        answers("EXTRACT(MONTH FROM INTERVAL '1-2' YEAR TO MONTH)", "2", "2"),
                        answers("EXTRACT(HOUR FROM INTERVAL '1 02:03:04' DAY TO SECOND)", "2", "2"));
    }

    @Test
    void when_aDatePastTheTimestampRangeGoesToADateFunction_then_itIsComputedOnTheDate() {
        rows().assertEachAnswers(
                        answers("dayofweek(" + FAR + ")", "6", "6"),
                        answers("dayofmonth(" + FAR + ")", "21", "21"),
                        answers("dayofyear(" + FAR + ")", "172", "172"),
                        answers("weekofyear(" + FAR + ")", "25", "25"),
                        answers("quarter(" + FAR + ")", "2", "2"),
                        answers("weekday(" + FAR + ")", "4", "4"),
                        answers("year(" + FAR + ")", "-5877587", "-5877587"),
                        answers("month(" + FAR + ")", "6", "6"),
                        answers("datediff(" + FAR + ", DATE '2024-01-01')", "2147483647", "2147483647"),
                        answers("add_months(" + FAR + ", 1)", "-5877587-07-21", "-5877587-07-21"),
                        answers("next_day(" + FAR + ", 'Mon')", "-5877587-06-24", "-5877587-06-24"),
                        answers("trunc(" + FAR + ", 'MONTH')", "-5877587-06-01", "-5877587-06-01"),
                        answers("trunc(" + FAR + ", 'WEEK')", "-5877587-06-17", "-5877587-06-17"),
                        answers("date_add(" + FAR + ", 1)", "-5877587-06-22", "-5877587-06-22"),
                        answers("date_sub(" + FAR + ", 1)", "-5877587-06-20", "-5877587-06-20"),
                        answers(FAR + " + 1", "-5877587-06-22", "-5877587-06-22"),
                        answers("last_day(" + FAR + ")", "-5877587-06-30", "-5877587-06-30"),
                        answers("to_date(" + FAR + ")", "-5877587-06-21", "-5877587-06-21"),
                        answers("dayofweek(" + FAR_ROWS + ")", "5", "6"),
                        answers("year(" + FAR_ROWS + ")", "-5877589", "-5877589"),
                        answers("last_day(" + FAR_ROWS + ")", "-5877589-10-31", "-5877589-11-30"));
        // where Spark reads the date as a timestamp, both fail
        rows().assertEachFails("long overflow", "date_format(" + FAR + ", 'yyyy')", "hour(" + FAR + ")");
    }
}
