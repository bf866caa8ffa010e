package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;

import org.junit.jupiter.api.Test;

/**
 * Spark 4's ANSI rules for whole numbers, in a batch and a streaming query alike: {@code + - *}, unary minus and
 * {@code abs} of INT and BIGINT fail with [ARITHMETIC_OVERFLOW] where the answer does not fit (the streaming engine
 * wrapped around); a cast to TINYINT, SMALLINT, INT or BIGINT of a DOUBLE that is NaN, infinite or out of range once
 * its fraction is cut, of a DECIMAL out of range, or of a wider whole number out of range fails with [CAST_OVERFLOW]
 * (batch queries saturated or answered 0 for NaN), and try_cast gives NULL there.
 */
class SqlIntegralOverflowBatchAndStreamTest {
    private static final BatchAndStream T = new BatchAndStream()
            .row("max", Integer.MAX_VALUE, -1.0)
            .row("min", Integer.MIN_VALUE + 1, 2.5e9) // a - 1 is the smallest INT (Tablesaw's NULL)
            .row("none", null, null);

    @Test
    void when_bigintArithmeticOverflows_then_bothFail() {
        T.assertEachFails(
                "[ARITHMETIC_OVERFLOW]",
                "CAST(a AS BIGINT) * 9223372036854775807",
                "CAST(a AS BIGINT) + 9223372036854775807",
                "a + 1");
        T.assertEachFailsWhere("WHERE s = 'min'", "[ARITHMETIC_OVERFLOW]", "a * a");
    }

    @Test
    void when_theSmallestIntIsNegatedOrItsAbsTaken_then_bothFail() {
        T.assertEachFailsWhere("WHERE s = 'min'", "[ARITHMETIC_OVERFLOW]", "-(a - 1)", "abs(a - 1)");
        T.assertBothAnswer(
                "SELECT -a AS c, abs(a) AS d FROM t WHERE s <> 'min'", "-2147483647 2147483647", "null null");
        T.assertBothAnswer("SELECT -(CAST(a AS BIGINT) - 1) AS c FROM t WHERE s = 'min'", "2147483648");
    }

    @Test
    void when_aNaNOrInfinityIsCastToAWholeNumber_then_bothFailWithCastOverflow() {
        T.assertEachFails(
                "[CAST_OVERFLOW]",
                "CAST(sqrt(x) AS INT)",
                "CAST(sqrt(x) AS BIGINT)",
                "CAST(sqrt(x) AS SMALLINT)",
                "CAST(sqrt(x) AS TINYINT)");
        T.assertEachFailsWhere("WHERE x > 0", "[CAST_OVERFLOW]", "CAST(ln(x + 1) * 1.0E300 * 1.0E300 AS BIGINT)");
    }

    @Test
    void when_aNumberOutOfRangeIsCastToAWholeNumber_then_bothFail() {
        T.assertEachFails(
                "[CAST_OVERFLOW]",
                "CAST(x AS INT)",
                "CAST(a AS SMALLINT)",
                "CAST(CAST(a AS BIGINT) * 2 AS INT)",
                "CAST(CAST(x AS DECIMAL(12, 1)) AS INT)");
    }

    @Test
    void when_aNumberFitsOnceItsFractionIsCut_then_itIsCastTowardZero() {
        T.assertBothAnswer(
                "SELECT CAST(x AS BIGINT) AS c, CAST(x / 1.0E9 AS SMALLINT) AS d, CAST(CAST(x AS DECIMAL(12, 1)) AS"
                        + " BIGINT) AS e FROM t",
                "-1 0 -1",
                "2500000000 2 2500000000",
                "null null null");
    }

    @Test
    void when_tryCastMeetsANumberThatDoesNotFit_then_itGivesNull() {
        T.assertBothAnswer(
                "SELECT try_cast(x AS INT) AS c, try_cast(sqrt(x) AS BIGINT) AS d, try_cast(a AS TINYINT) AS e FROM t",
                "-1 null null",
                "null 50000 null",
                "null null null");
    }

    @Test
    void when_aNumberIsCastToADecimalTooNarrow_then_bothFailAndTryCastGivesNull() {
        // the streaming engine answered 4294967294 for CAST(a AS DECIMAL(10, 2)) * 2 of the largest INT
        T.assertEachFails("", "CAST(a AS DECIMAL(10, 2)) * 2");
        T.assertBothFail("SELECT CAST(x * 10 AS DECIMAL(2, 1)) AS c FROM t", "[NUMERIC_VALUE_OUT_OF_RANGE]");
        T.assertBothFail("SELECT CAST(sqrt(x) AS DECIMAL(5, 1)) AS c FROM t", "[CAST_OVERFLOW]");
        T.assertBothAnswer(
                "SELECT try_cast(x / 10 AS DECIMAL(2, 1)) AS c, try_cast(sqrt(x) AS DECIMAL(5, 1)) AS d FROM t",
                "-0.1 null",
                "null null",
                "null null");
    }

    @Test
    void when_theValueOfAnInIsNull_then_theListIsNotCast() {
        // Spark folds the IN to NULL before it casts 'true' to a number
        T.assertEachAnswers(
                "WHERE s = 'max'", answers("NULL NOT IN ('true', a)", "null"), answers("NULL IN ('x', a)", "null"));
    }
}
