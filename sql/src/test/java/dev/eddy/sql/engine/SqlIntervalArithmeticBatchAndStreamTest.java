package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;

import org.junit.jupiter.api.Test;

/**
 * Spark 4.2's interval arithmetic beyond sums and differences answers alike in batch and streaming queries (values
 * checked against Spark by the batch differential's corpus): an interval divided by a number is Spark's widest
 * interval of its kind, rounded HALF_UP, and fails with [INTERVAL_DIVIDED_BY_ZERO] for a zero divisor; {@code
 * EXTRACT(SECOND FROM i)} is a DECIMAL(8, 6) with the interval's sign, and fails for an interval without seconds.
 */
class SqlIntervalArithmeticBatchAndStreamTest {
    private static final String SPAN = "(to_timestamp(s) - TIMESTAMP '2024-01-31 00:00:00')";

    private static BatchAndStream rows() {
        return new BatchAndStream().row("2024-01-31", 3, 1.5).row("2024-02-29 10:30:15.5", -40, 2.0);
    }

    @Test
    void when_anIntervalIsDividedByANumber_then_itRoundsHalfUpToAnIntervalOfItsKind() {
        rows().assertEachAnswers(
                        answers(
                                "CAST(" + SPAN + " / 3 AS STRING)",
                                "INTERVAL '0 00:00:00' DAY TO SECOND",
                                "INTERVAL '9 19:30:05.166667' DAY TO SECOND"),
                        answers(
                                "CAST(" + SPAN + " / x AS STRING)",
                                "INTERVAL '0 00:00:00' DAY TO SECOND",
                                "INTERVAL '14 17:15:07.75' DAY TO SECOND"),
                        answers(
                                "CAST(" + SPAN + " / 2.5 AS STRING)",
                                "INTERVAL '0 00:00:00' DAY TO SECOND",
                                "INTERVAL '11 18:36:06.2' DAY TO SECOND"),
                        answers(
                                "CAST(INTERVAL '1' SECOND / -8 AS STRING)",
                                "INTERVAL '-0 00:00:00.125' DAY TO SECOND",
                                "INTERVAL '-0 00:00:00.125' DAY TO SECOND"),
                        answers(
                                "CAST(INTERVAL '1' SECOND / 3 AS STRING)",
                                "INTERVAL '0 00:00:00.333333' DAY TO SECOND",
                                "INTERVAL '0 00:00:00.333333' DAY TO SECOND"),
                        answers("typeof(INTERVAL '3' HOUR / a)", "interval day to second", "interval day to second"),
                        answers(
                                "CAST(INTERVAL '3' YEAR / a AS STRING)",
                                "INTERVAL '-0-1' YEAR TO MONTH",
                                "INTERVAL '1-0' YEAR TO MONTH"),
                        answers(
                                "CAST(INTERVAL '1-2' YEAR TO MONTH / 4 AS STRING)",
                                "INTERVAL '0-4' YEAR TO MONTH",
                                "INTERVAL '0-4' YEAR TO MONTH"),
                        answers(
                                "CAST((to_date(s) - DATE '2024-01-01') / a AS STRING)",
                                "INTERVAL '-1 11:24:00' DAY TO SECOND",
                                "INTERVAL '10 00:00:00' DAY TO SECOND"));
    }

    @Test
    void when_anIntervalIsDividedByZero_then_theQueryFailsAsSparks() {
        rows().assertEachFails(
                        "[INTERVAL_DIVIDED_BY_ZERO]",
                        SPAN + " / 0",
                        SPAN + " / (a - a)",
                        "INTERVAL '1' MONTH / 0.0",
                        "INTERVAL '1' HOUR / (x - x)");
    }

    @Test
    void when_theSecondsOfAnIntervalAreExtracted_then_theyKeepTheirFractionAndSign() {
        rows().assertEachAnswers(
                        answers("extract(SECOND FROM " + SPAN + ")", "0", "15.5"),
                        answers("extract(SECOND FROM TIMESTAMP '2024-01-31 00:00:00' - to_timestamp(s))", "-15.5", "0"),
                        answers("typeof(extract(SECOND FROM " + SPAN + "))", "decimal(8,6)", "decimal(8,6)"),
                        answers("extract(SECOND FROM INTERVAL '90' SECOND)", "30", "30"));
    }

    /** Spark 4.2 types an interval's fields: DAY and YEAR an INT, HOUR, MINUTE and MONTH a TINYINT (probed). */
    @Test
    void when_aFieldOfAnIntervalIsExtracted_then_itIsSparksIntOrTinyint() {
        rows().assertEachAnswers(
                        answers(
                                "typeof(extract(DAY FROM " + SPAN + ")) || ' ' || typeof(extract(HOUR FROM " + SPAN
                                        + ")) || ' ' || typeof(extract(MINUTE FROM " + SPAN + "))",
                                "int tinyint tinyint",
                                "int tinyint tinyint"),
                        answers(
                                "typeof(extract(YEAR FROM INTERVAL '1-2' YEAR TO MONTH)) || ' '"
                                        + " || typeof(extract(MONTH FROM INTERVAL '1-2' YEAR TO MONTH))",
                                "int tinyint",
                                "int tinyint"),
                        answers(
                                "typeof(date_part('HOUR', " + SPAN + ")) || ' ' || typeof(date_part('DAY', " + SPAN
                                        + "))",
                                "tinyint int",
                                "tinyint int"),
                        answers("extract(HOUR FROM make_dt_interval(0, a)) + 200", "184", "203"),
                        answers("extract(MONTH FROM make_ym_interval(0, a))", "-4", "3"));
        // an INT of days times an INT overflows as Spark's INT arithmetic
        rows().assertEachFails("ARITHMETIC_OVERFLOW", "extract(DAY FROM make_dt_interval(a)) * 2147483647");
    }

    @Test
    void when_theSecondsOfAnIntervalWithoutSecondsAreExtracted_then_theQueryFailsAsSparks() {
        rows().assertEachFails(
                        "[INVALID_EXTRACT_FIELD]",
                        "extract(SECOND FROM to_date(s) - DATE '2024-01-01')",
                        "extract(SECOND FROM INTERVAL '3' HOUR)");
    }
}
