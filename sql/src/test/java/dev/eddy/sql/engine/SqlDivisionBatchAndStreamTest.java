package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    private static void bothAnswer(String query, String... expected) {
        assertThat(T.batch(query)).as("batch: %s", query).containsExactly(expected);
        assertThat(T.stream(query)).as("stream: %s", query).containsExactly(expected);
    }

    private static void bothFail(String query, String error) {
        List<String> batch = T.batch(query);
        List<String> stream = T.stream(query);
        assertThat(batch).as("batch: %s", query).hasSize(1);
        assertThat(batch.get(0)).as("batch: %s", query).startsWith("error:").contains(error);
        assertThat(stream).as("stream: %s", query).hasSize(1);
        assertThat(stream.get(0)).as("stream: %s", query).startsWith("error:").contains(error);
    }

    @Test
    void when_aNumberIsDividedByZero_then_theQueryFailsWithDivideByZero() {
        bothFail("SELECT 1 / a AS c FROM t", "[DIVIDE_BY_ZERO]");
        bothFail("SELECT x / 0 AS c FROM t", "[DIVIDE_BY_ZERO]");
        bothFail("SELECT x / 0.0 AS c FROM t", "[DIVIDE_BY_ZERO]");
        bothFail("SELECT 7 / x AS c FROM t", "[DIVIDE_BY_ZERO]");
        bothFail("SELECT 7 div a AS c FROM t", "[DIVIDE_BY_ZERO]");
    }

    @Test
    void when_theRemainderOfZeroIsTaken_then_theQueryFailsWithRemainderByZero() {
        bothFail("SELECT 7 % a AS c FROM t", "[REMAINDER_BY_ZERO]");
        bothFail("SELECT a % 0 AS c FROM t", "[REMAINDER_BY_ZERO]");
        bothFail("SELECT pmod(7, a) AS c FROM t", "[REMAINDER_BY_ZERO]");
    }

    @Test
    void when_theDividendIsNull_then_aZeroDivisorGivesNull() {
        bothAnswer("SELECT a / 0 AS c FROM t WHERE s IS NULL", "null");
        bothAnswer("SELECT x % 0 AS c FROM t WHERE s IS NULL", "null");
        bothAnswer("SELECT a div 0 AS c FROM t WHERE s IS NULL", "null");
        bothAnswer("SELECT pmod(a, 0) AS c FROM t WHERE s IS NULL", "null");
    }

    @Test
    void when_tryDivideOrTryModMeetsAZeroDivisor_then_itGivesNull() {
        bothAnswer("SELECT try_divide(8, a) AS c FROM t", "2", "null", "null");
        bothAnswer("SELECT try_divide(x, x) AS c FROM t", "1", "null", "null");
        bothAnswer("SELECT try_mod(7, a) AS c FROM t", "3", "null", "null");
        bothAnswer("SELECT try_mod(x + 1, 2) AS c FROM t", "1", "1.5", "null");
    }

    @Test
    void when_divIsExact_then_largeWholeNumbersKeepEveryDigit() {
        bothAnswer("SELECT 9007199254740993 div (a - 3) AS c FROM t WHERE a = 4", "9007199254740993");
    }
}
