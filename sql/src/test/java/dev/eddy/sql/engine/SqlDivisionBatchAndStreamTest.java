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
    void when_divIsExact_then_largeWholeNumbersKeepEveryDigit() {
        T.assertBothAnswer("SELECT 9007199254740993 div (a - 3) AS c FROM t WHERE a = 4", "9007199254740993");
    }
}
