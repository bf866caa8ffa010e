package dev.eddy.sql.engine;

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
        T.assertBothFail("SELECT 1 / a AS c FROM t", "[DIVIDE_BY_ZERO]");
        T.assertBothFail("SELECT x / 0 AS c FROM t", "[DIVIDE_BY_ZERO]");
        T.assertBothFail("SELECT x / 0.0 AS c FROM t", "[DIVIDE_BY_ZERO]");
        T.assertBothFail("SELECT 7 / x AS c FROM t", "[DIVIDE_BY_ZERO]");
        T.assertBothFail("SELECT 7 div a AS c FROM t", "[DIVIDE_BY_ZERO]");
    }

    @Test
    void when_theRemainderOfZeroIsTaken_then_theQueryFailsWithRemainderByZero() {
        T.assertBothFail("SELECT 7 % a AS c FROM t", "[REMAINDER_BY_ZERO]");
        T.assertBothFail("SELECT a % 0 AS c FROM t", "[REMAINDER_BY_ZERO]");
        T.assertBothFail("SELECT pmod(7, a) AS c FROM t", "[REMAINDER_BY_ZERO]");
    }

    @Test
    void when_theDividendIsNull_then_aZeroDivisorGivesNull() {
        T.assertBothAnswer("SELECT a / 0 AS c FROM t WHERE s IS NULL", "null");
        T.assertBothAnswer("SELECT x % 0 AS c FROM t WHERE s IS NULL", "null");
        T.assertBothAnswer("SELECT a div 0 AS c FROM t WHERE s IS NULL", "null");
        T.assertBothAnswer("SELECT pmod(a, 0) AS c FROM t WHERE s IS NULL", "null");
    }

    @Test
    void when_tryDivideOrTryModMeetsAZeroDivisor_then_itGivesNull() {
        T.assertBothAnswer("SELECT try_divide(8, a) AS c FROM t", "2", "null", "null");
        T.assertBothAnswer("SELECT try_divide(x, x) AS c FROM t", "1", "null", "null");
        T.assertBothAnswer("SELECT try_mod(7, a) AS c FROM t", "3", "null", "null");
        T.assertBothAnswer("SELECT try_mod(x + 1, 2) AS c FROM t", "1", "1.5", "null");
    }

    @Test
    void when_divIsExact_then_largeWholeNumbersKeepEveryDigit() {
        T.assertBothAnswer("SELECT 9007199254740993 div (a - 3) AS c FROM t WHERE a = 4", "9007199254740993");
    }
}
