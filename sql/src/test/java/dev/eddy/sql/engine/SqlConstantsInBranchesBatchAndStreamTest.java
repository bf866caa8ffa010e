package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spark computes a constant while planning, but a constant under a conditional expression (CASE, coalesce, IF) that
 * fails is left to the rows that reach it (Spark 4's ConstantFolding): a cast that cannot succeed in a branch that
 * never runs does not fail the query, in a batch query and in a streaming query alike. A constant conditional is
 * computed lazily as a whole, and its failure fails the query whatever the rows.
 */
class SqlConstantsInBranchesBatchAndStreamTest {
    private static final BatchAndStream T =
            new BatchAndStream().row("a", 1, -1.0).row("b", 2, 4.0).row(null, -3, null);

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
    void when_aFailingCastIsInABranchNoRowTakes_then_theQueryAnswers() {
        // Spark 4.2: 2, 1 and a (no row has a > 5), where Eddy used to fail at validation
        bothAnswer("SELECT coalesce(2, 'x') AS c FROM t", "2", "2", "2");
        bothAnswer("SELECT CASE WHEN false THEN CAST('x' AS INT) ELSE 1 END AS c FROM t", "1", "1", "1");
        bothAnswer("SELECT CASE WHEN a > 5 THEN CAST('x' AS INT) ELSE a END AS c FROM t", "-3", "1", "2");
        bothAnswer("SELECT IF(a > 5, CAST('x' AS INT), a) AS c FROM t", "-3", "1", "2");
        bothAnswer("SELECT coalesce(a, CAST('x' AS INT)) AS c FROM t", "-3", "1", "2");
        bothAnswer("SELECT CASE WHEN a > 5 THEN a = 'x' ELSE a > 0 END AS c FROM t", "false", "true", "true");
    }

    @Test
    void when_aRowTakesTheBranchWithTheFailingCast_then_theQueryFailsWithSparksError() {
        bothFail("SELECT CASE WHEN a > 1 THEN CAST('x' AS INT) ELSE a END AS c FROM t", "[CAST_INVALID_INPUT]");
        bothFail("SELECT coalesce(x, CAST('x' AS DOUBLE)) AS c FROM t", "[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aConstantConditionalFails_then_theQueryFailsWhateverTheRows() {
        // Spark folds coalesce(NULL, 'x') while planning: the error comes even when no row passes the filter
        bothFail("SELECT coalesce(NULL, 'x') + a AS c FROM t WHERE a > 100", "[CAST_INVALID_INPUT]");
        bothFail(
                "SELECT CASE WHEN true THEN CAST('x' AS INT) ELSE 1 END AS c FROM t WHERE a > 100",
                "[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aFailingCastIsOutsideAnyConditional_then_theQueryFailsAtItsPosition() {
        bothFail("SELECT CAST('x' AS INT) + a AS c FROM t", "[CAST_INVALID_INPUT]");
    }
}
