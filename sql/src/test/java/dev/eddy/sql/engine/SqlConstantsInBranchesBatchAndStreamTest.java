package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;
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

    @Test
    void when_aFailingCastIsInABranchNoRowTakes_then_theQueryAnswers() {
        // Spark 4.2: 2, 1 and a (no row has a > 5), where Eddy used to fail at validation
        T.assertEachAnswers(
                answers("coalesce(2, 'x')", "2", "2", "2"),
                answers("CASE WHEN false THEN CAST('x' AS INT) ELSE 1 END", "1", "1", "1"),
                answers("CASE WHEN a > 5 THEN CAST('x' AS INT) ELSE a END", "-3", "1", "2"),
                answers("IF(a > 5, CAST('x' AS INT), a)", "-3", "1", "2"),
                answers("coalesce(a, CAST('x' AS INT))", "-3", "1", "2"),
                answers("CASE WHEN a > 5 THEN a = 'x' ELSE a > 0 END", "false", "true", "true"));
    }

    @Test
    void when_aRowTakesTheBranchWithTheFailingCast_then_theQueryFailsWithSparksError() {
        T.assertEachFails(
                "[CAST_INVALID_INPUT]",
                "CASE WHEN a > 1 THEN CAST('x' AS INT) ELSE a END",
                "coalesce(x, CAST('x' AS DOUBLE))");
    }

    @Test
    void when_aConstantConditionalFails_then_theStreamingQueryFailsWhateverTheRows() {
        // computed once per micro-batch, as Spark folds it over a Kafka or file source; a batch query over a table
        // registered from Java (Spark's local relation) computes it row by row, for the rows that pass the WHERE
        // (SqlLocalRelationsTest): none here
        for (String q : List.of(
                "SELECT coalesce(NULL, 'x') + a AS c FROM t WHERE a > 100",
                "SELECT CASE WHEN true THEN CAST('x' AS INT) ELSE 1 END AS c FROM t WHERE a > 100")) {
            assertThat(T.stream(q)).as(q).hasSize(1).first().asString().contains("[CAST_INVALID_INPUT]");
            assertThat(T.batch(q)).as(q).isEmpty();
        }
        T.assertBothFail("SELECT coalesce(NULL, 'x') + a AS c FROM t WHERE a > 1", "[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aFailingCastIsOutsideAnyConditional_then_theQueryFailsAtItsPosition() {
        T.assertBothFail("SELECT CAST('x' AS INT) + a AS c FROM t", "[CAST_INVALID_INPUT]");
    }
}
