package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spark computes a null-intolerant binary operator's right operand only for a row whose left operand is not NULL
 * (BinaryExpression.eval and its generated code: {@code + - *} and the comparisons), and a division's or remainder's
 * dividend only where its divisor is not NULL (DivModLike: {@code /}, {@code div}, {@code %}, pmod). An operand that
 * would fail (text that is no number, a division by zero) fails the query only for a row that computes it, in a batch
 * query and a streaming query alike.
 */
class SqlOperandOrderBatchAndStreamTest {
    private static final BatchAndStream T =
            new BatchAndStream().row("1", 1, 2.0).row("2", 2, 0.0).row(null, null, null);

    private static void bothAnswer(String query, String... expected) {
        assertThat(T.batch(query)).as("batch: %s", query).containsExactly(expected);
        assertThat(T.stream(query)).as("stream: %s", query).containsExactly(expected);
    }

    private static void bothFail(String query, String error) {
        List<String> batch = T.batch(query);
        List<String> stream = T.stream(query);
        assertThat(batch.get(0)).as("batch: %s", query).startsWith("error:").contains(error);
        assertThat(stream.get(0)).as("stream: %s", query).startsWith("error:").contains(error);
    }

    @Test
    void when_theLeftOperandIsNull_then_theRightOneIsNotComputed() {
        // Spark 4.2: NULL for the row whose a is NULL; the others compute coalesce(a, 'x') = a
        bothAnswer("SELECT (a + a) + coalesce(a, 'x') AS c FROM t", "3", "6", "null");
        bothAnswer("SELECT a * coalesce(s, 'x') AS c FROM t", "1", "4", "null");
        bothAnswer("SELECT a = coalesce(s, 'x') AS c FROM t", "null", "true", "true");
    }

    @Test
    void when_theDivisorIsNull_then_theDividendIsNotComputed() {
        bothAnswer("SELECT coalesce(s, 'x') / a AS c FROM t", "1", "1", "null");
        bothAnswer("SELECT coalesce(s, 'x') % a AS c FROM t", "0", "0", "null");
    }

    @Test
    void when_andOrOrIsDecidedByItsLeftOperand_then_theRightOneIsNotComputed() {
        // Spark's And.eval: the right side only where the left is not false; Or.eval: only where it is not true
        bothAnswer("SELECT a IS NOT NULL AND 1 + coalesce(s, 'x') > 0 AS c FROM t", "false", "true", "true");
        bothAnswer("SELECT a IS NULL OR 1 + coalesce(s, 'x') > 2 AS c FROM t", "false", "true", "true");
    }

    @Test
    void when_theLeftOperandIsNotNull_then_aFailingRightOperandFailsTheQuery() {
        bothFail("SELECT 1 + coalesce(s, 'x') AS c FROM t", "[CAST_INVALID_INPUT]");
        bothFail("SELECT x + (1 / x) AS c FROM t", "[DIVIDE_BY_ZERO]");
    }
}
