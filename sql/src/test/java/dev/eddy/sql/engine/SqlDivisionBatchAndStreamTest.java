package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;

import org.junit.jupiter.api.Test;

/**
 * Division by zero as Spark 4 (ANSI mode) has it, in a batch and a streaming query alike: {@code /} and {@code div}
 * fail with [DIVIDE_BY_ZERO], {@code %} and pmod with [REMAINDER_BY_ZERO], DOUBLEs too (0.0 and -0.0 are zero), but
 * only for a row whose dividend is not NULL (Spark's DivModLike computes the dividend only for a divisor that is not
 * NULL, and a NULL dividend gives NULL); try_divide and try_mod give NULL for a zero divisor.
 */
class SqlDivisionBatchAndStreamTest {
    private static final BatchAndStream T =
            new BatchAndStream().row("a", 4, 2.5).row("b", 0, -0.0).row(null, null, null);

    @Test
    void when_aNumberIsDividedByZero_then_theQueryFailsWithDivideByZero() {
        T.assertEachFails("[DIVIDE_BY_ZERO]", "1 / a", "x / 0", "x / 0.0", "7 / x", "7 div a");
    }

    @Test
    void when_theRemainderOfZeroIsTaken_then_theQueryFailsWithRemainderByZero() {
        T.assertEachFails("[REMAINDER_BY_ZERO]", "7 % a", "a % 0", "pmod(7, a)");
    }

    @Test
    void when_theDividendIsNull_then_aZeroDivisorGivesNull() {
        T.assertEachAnswers(
                "WHERE s IS NULL",
                answers("a / 0", "null"),
                answers("x % 0", "null"),
                answers("a div 0", "null"),
                answers("pmod(a, 0)", "null"));
    }

    @Test
    void when_tryDivideOrTryModMeetsAZeroDivisor_then_itGivesNull() {
        T.assertEachAnswers(
                answers("try_divide(8, a)", "2", "null", "null"),
                answers("try_divide(x, x)", "1", "null", "null"),
                answers("try_mod(7, a)", "3", "null", "null"),
                answers("try_mod(x + 1, 2)", "1", "1.5", "null"));
    }

    @Test
    void when_tryDivideOrTryModHasAZeroDivisor_then_itsDividendIsNeverComputed() {
        // Spark 4.2 (DivModLike in TRY mode): the divisor first, NULL for zero as for NULL, so a dividend that would
        // fail (text that is no number, an overflow) fails nothing there: try_divide(a * 1000000, length('')) is NULL
        // (seeds 31 and 37 of the batch differential)
        T.assertEachAnswers(
                answers("try_divide(CAST(s AS INT), a - a)", "null", "null", "null"),
                answers("try_mod(CAST(s AS INT), x - x)", "null", "null", "null"),
                answers("try_divide(a * 2147483647 * 2, length(''))", "null", "null", "null"),
                answers("try_mod(a * 2147483647 * 2, 0)", "null", "null", "null"));
        // with a divisor that is not zero the dividend is computed, and its error is the query's (try_ catches only
        // its own division's)
        T.assertEachFails("[CAST_INVALID_INPUT]", "try_divide(CAST(s AS INT), 2)", "try_mod(CAST(s AS INT), a + 1)");
        T.assertEachFails(
                "[ARITHMETIC_OVERFLOW]", "try_divide(a * 2147483647 * 2, 2)", "try_add(a * 2147483647 * 2, 1)");
        // try_add, try_subtract, try_multiply compute their right side only where the left is not NULL, an
        // overflowing product of columns too (the engine counts integral + - * as able to fail)
        T.assertEachAnswers(
                answers("try_subtract(CAST(NULL AS INT), CAST(s AS INT))", "null", "null", "null"),
                answers("try_add(CAST(NULL AS INT), a * 2147483647 * 2)", "null", "null", "null"),
                answers("try_multiply(CAST(NULL AS INT), a * 2147483647 * 2)", "null", "null", "null"));
    }

    @Test
    void when_divIsExact_then_largeWholeNumbersKeepEveryDigit() {
        T.assertBothAnswer("SELECT 9007199254740993 div (a - 3) AS c FROM t WHERE a = 4", "9007199254740993");
    }
}
