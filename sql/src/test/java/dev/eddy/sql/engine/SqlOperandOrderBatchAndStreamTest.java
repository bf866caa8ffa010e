package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;

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

    @Test
    void when_theLeftOperandIsNull_then_theRightOneIsNotComputed() {
        // Spark 4.2: NULL for the row whose a is NULL; the others compute coalesce(a, 'x') = a
        T.assertEachAnswers(
                answers("(a + a) + coalesce(a, 'x')", "3", "6", "null"),
                answers("a * coalesce(s, 'x')", "1", "4", "null"),
                answers("a = coalesce(s, 'x')", "null", "true", "true"));
    }

    @Test
    void when_theDivisorIsNull_then_theDividendIsNotComputed() {
        T.assertEachAnswers(
                answers("coalesce(s, 'x') / a", "1", "1", "null"), answers("coalesce(s, 'x') % a", "0", "0", "null"));
    }

    @Test
    void when_andOrOrIsDecidedByItsLeftOperand_then_theRightOneIsNotComputed() {
        // Spark's And.eval: the right side only where the left is not false; Or.eval: only where it is not true
        T.assertEachAnswers(
                answers("a IS NOT NULL AND 1 + coalesce(s, 'x') > 0", "false", "true", "true"),
                answers("a IS NULL OR 1 + coalesce(s, 'x') > 2", "false", "true", "true"));
    }

    @Test
    void when_theLeftOperandIsNotNull_then_aFailingRightOperandFailsTheQuery() {
        T.assertBothFail("SELECT 1 + coalesce(s, 'x') AS c FROM t", "[CAST_INVALID_INPUT]");
        T.assertBothFail("SELECT x + (1 / x) AS c FROM t", "[DIVIDE_BY_ZERO]");
    }
}
