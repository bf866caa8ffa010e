package dev.eddy.sql.engine;

import org.junit.jupiter.api.Test;

/**
 * Spark's {@code count_if(condition)}, batch and streaming alike: the rows whose condition is true (a false or NULL
 * condition is not counted), 0 over rows that never match, a BIGINT; a condition that is not a BOOLEAN is refused.
 * The batch differential proves it against Spark 4.2: its corpus counts long OR chains and IN lists with it.
 */
class SqlCountIfBatchAndStreamTest {
    private static final BatchAndStream T = new BatchAndStream()
            .row("k", 1, 1.5)
            .row("k", 5, null)
            .row("k", null, -2.0)
            .row("m", 7, 3.0);

    @Test
    void when_countIfCountsAGroupsRows_then_onlyTrueConditionsCount() {
        T.assertBothAnswer(
                "SELECT s, count_if(a > 2) AS c, count_if(x > 0 OR a IN (1, 2, 3, 4, 5, 6, 7, 8)) AS d,"
                        + " count_if(a > 100) AS e, COUNT(*) AS n FROM t GROUP BY s",
                "k 1 2 0 3",
                "m 1 1 0 1");
    }

    @Test
    void when_countIfIsGivenANumber_then_bothRefuseIt() {
        T.assertBothFail("SELECT s, count_if(a) AS c FROM t GROUP BY s", "Expected a boolean type");
    }
}
