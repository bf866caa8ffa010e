package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;

import org.junit.jupiter.api.Test;

/**
 * IN lists, OR chains of equalities and BETWEEN typed as Spark 4.2 types them (ANSI mode), in a batch query and in a
 * streaming query alike (a streaming list of literals is the engine's hash-set {@code in}): a whole number compared
 * with a DECIMAL in Spark's wider decimal ({@code a = 3.5} of an INT in DECIMAL(11, 1), so the largest INT compares
 * instead of failing with [NUMERIC_VALUE_OUT_OF_RANGE]), and a list mixing DATE, TIMESTAMP, text and NULL in one
 * TIMESTAMP (Calcite refused it: "Values in expression list must have compatible types"). Each answer is Spark's
 * (the differential probe, sql/README.md "Proof").
 */
class SqlInListTypesBatchAndStreamTest {
    private static final BatchAndStream T = new BatchAndStream()
            .row("2024-01-16 05:00:00", 2147483647, 3.5)
            .row("2024-01-15 00:00:00", 1, 1.0)
            .row(null, null, null);

    @Test
    void when_aWholeNumberIsComparedWithADecimal_then_theLargestIntCompares() {
        T.assertEachAnswers(
                answers("a = 3.5", "false", "false", "null"),
                answers("a = 2147483647 OR a = 3.5", "false", "null", "true"),
                answers("a = 2147483647 OR a = 3.5 OR a = 4 OR a = 5", "false", "null", "true"),
                answers(
                        "a = 2147483647 OR a = 3.5 OR a = 1 OR a = 2 OR a = 3 OR a = 4 OR a = 5 OR a = 6",
                        "null",
                        "true",
                        "true"),
                answers(
                        "a = 2147483647 OR a = 3.5 OR a = 7 OR a = 2 OR a = 3 OR a = 4 OR a = 5 OR a = NULL",
                        "null",
                        "null",
                        "true"),
                answers("a IN (2147483647, 3.5)", "false", "null", "true"),
                answers("a NOT IN (7, 3.5, 2, 3, 4, 5, 6, 8, 9)", "null", "true", "true"),
                answers("a BETWEEN 3.5 AND 2147483647", "false", "null", "true"),
                answers("a BETWEEN -2147483648 AND 3.5", "false", "null", "true"),
                answers("a < 3.5", "false", "null", "true"));
    }

    @Test
    void when_aListMixesDatesTimestampsTextAndNull_then_itComparesAsTimestamps() {
        T.assertEachAnswers(
                answers(
                        "CAST(s AS TIMESTAMP) IN (DATE '2024-01-15', TIMESTAMP '2024-01-16 05:00:00', '2024-01-17',"
                                + " NULL)",
                        "null",
                        "true",
                        "true"),
                answers(
                        "CAST(s AS TIMESTAMP) NOT IN (DATE '2024-01-14', TIMESTAMP '2024-01-16 05:00:00',"
                                + " '2024-01-17', NULL)",
                        "false",
                        "null",
                        "null"),
                answers(
                        "CAST(s AS TIMESTAMP) IN (TIMESTAMP '2024-01-16 05:00:00', '2024-01-15', NULL)",
                        "null",
                        "true",
                        "true"),
                answers(
                        "CAST(s AS TIMESTAMP) IN (DATE '2024-01-15', TIMESTAMP '2024-01-17 05:00:00', NULL)",
                        "null",
                        "null",
                        "true"));
    }
}
