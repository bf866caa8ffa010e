package dev.eddy.sql.engine;

import org.junit.jupiter.api.Test;

/**
 * Spark computes a null-intolerant function's arguments one after the other, each only for a row whose arguments
 * before it are not NULL (BinaryExpression/TernaryExpression eval and nullSafeCodeGen): an argument that would fail
 * (text that is no number, a division by zero) fails the query only for a row that computes it. Functions that
 * evaluate every argument (concat, concat_ws, greatest, least) fail for every row. Batch and streaming queries alike;
 * the answers are Spark 4.2's for these rows.
 */
class SqlFunctionArgumentOrderBatchAndStreamTest {
    /** a (and x) is NULL on the second row, where coalesce(CAST(a AS STRING), 'x') is text that is no number. */
    private static final BatchAndStream NULL_A =
            new BatchAndStream().row("1", 1, 1.0).row("2", null, null);
    /** A number for the first row, CAST('x' AS INT) (which fails) for the second. */
    private static final String FAILS_WHERE_A_IS_NULL = "CAST(coalesce(CAST(a AS STRING), 'x') AS INT)";

    @Test
    void when_anEarlierArgumentIsNull_then_aLaterOneIsNotComputed() {
        // Spark 4.2: NULL for the row whose a is NULL, the failing argument after it never computed
        NULL_A.assertBothAnswer("SELECT substring(s, a, " + FAILS_WHERE_A_IS_NULL + ") AS c FROM t", "1", "null");
        NULL_A.assertBothAnswer(
                "SELECT date_add(date_add(DATE '2024-01-01', a), " + FAILS_WHERE_A_IS_NULL + ") AS c FROM t",
                "2024-01-03",
                "null");
        NULL_A.assertBothAnswer(
                "SELECT regexp_replace(CAST(a AS STRING), s, CAST(" + FAILS_WHERE_A_IS_NULL + " AS STRING)) AS c"
                        + " FROM t",
                "1",
                "null");
        NULL_A.assertBothAnswer(
                "SELECT lpad(s, a, CAST(" + FAILS_WHERE_A_IS_NULL + " AS STRING)) AS c FROM t", "1", "null");
    }

    @Test
    void when_roundsDigitsAreNull_then_theNumberIsNotComputed() {
        // RoundBase reads its digits (a constant) first: with NULL digits the number is never computed
        NULL_A.assertBothAnswer(
                "SELECT round(CAST(coalesce(CAST(x AS STRING), 'x') AS DOUBLE), CAST(NULL AS INT)) AS c FROM t",
                "null",
                "null");
    }

    @Test
    void when_pmodsDivisorIsNull_then_itsDividendIsNotComputed() {
        NULL_A.assertBothAnswer("SELECT pmod(" + FAILS_WHERE_A_IS_NULL + ", a) AS c FROM t", "0", "null");
    }

    @Test
    void when_theEarlierArgumentsAreNotNull_then_aFailingLaterOneFailsTheQuery() {
        NULL_A.assertBothFail("SELECT substring(s, 1, CAST(1 / (a - a) AS INT)) AS c FROM t", "[DIVIDE_BY_ZERO]");
        NULL_A.assertBothFail(
                "SELECT substring(s, 1, " + FAILS_WHERE_A_IS_NULL + ") AS c FROM t", "[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aFunctionEvaluatesEveryArgument_then_aFailingOneFailsEvenAfterANull() {
        // Spark's Concat computes all its children: the NULL a does not spare the cast of 'x'
        NULL_A.assertBothFail(
                "SELECT concat(CAST(a AS STRING), CAST(" + FAILS_WHERE_A_IS_NULL + " AS STRING)) AS c FROM t",
                "[CAST_INVALID_INPUT]");
    }
}
