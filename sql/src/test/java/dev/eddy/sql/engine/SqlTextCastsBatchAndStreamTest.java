package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A cast of text to a number, a boolean or a time means the same in a streaming query as in a batch query, as Spark 4
 * (ANSI mode) has it: text that casts gives its value, text that does not fails the query with [CAST_INVALID_INPUT]
 * naming the expression (the streaming engine's own cast would give NULL), and try_cast gives NULL.
 */
class SqlTextCastsBatchAndStreamTest {
    /** A query whose cast meets the text 'maybe' fails in both, the streaming query naming the cast. */
    private static void castOfMaybeFails(BatchAndStream t, String query) {
        t.assertBothFail(query, "[CAST_INVALID_INPUT]", "'maybe'", "CAST(s AS");
    }

    private static BatchAndStream texts(String... values) {
        BatchAndStream t = new BatchAndStream();
        for (String v : values) {
            t.row(v, 1, 1.0);
        }
        return t;
    }

    @Test
    void when_textThatIsNoBooleanIsCast_then_streamAndBatchFailAsSparkDoes() {
        texts("yes", " T ", "0", null)
                .assertBothAnswer("SELECT CAST(s AS BOOLEAN) AS c FROM t", "false", "null", "true", "true");
        castOfMaybeFails(texts("yes", "maybe"), "SELECT CAST(s AS BOOLEAN) AS c FROM t");
        texts("yes", "maybe").assertBothAnswer("SELECT try_cast(s AS BOOLEAN) AS c FROM t", "null", "true");
    }

    @Test
    void when_textIsCastToWholeNumbers_then_streamAndBatchAgree() {
        texts(" 7 ", "-12")
                .assertBothAnswer("SELECT CAST(s AS INT) AS c, CAST(s AS BIGINT) AS d FROM t", "-12 -12", "7 7");
        castOfMaybeFails(texts("7", "maybe"), "SELECT CAST(s AS INT) AS c FROM t");
        castOfMaybeFails(texts("7", "maybe"), "SELECT CAST(s AS BIGINT) AS c FROM t");
        texts("7", "maybe").assertBothAnswer("SELECT try_cast(s AS INT) AS c FROM t", "7", "null");
    }

    @Test
    void when_textIsCastToFractionalNumbers_then_streamAndBatchAgree() {
        texts("1e3", "-0.5").assertBothAnswer("SELECT CAST(s AS DOUBLE) AS c FROM t", "-0.5", "1000");
        castOfMaybeFails(texts("1.5", "maybe"), "SELECT CAST(s AS DOUBLE) AS c FROM t");
        texts("1.005", "3")
                .assertBothAnswer(
                        "SELECT CAST(s AS DECIMAL(10, 2)) AS c FROM t", "1.01", "3"); // Spark: HALF_UP to the scale
        castOfMaybeFails(texts("1.5", "maybe"), "SELECT CAST(s AS DECIMAL(10, 2)) AS c FROM t");
    }

    @Test
    void when_textIsCastToTimes_then_streamAndBatchAgree() {
        // the same instant: batch results show it in ISO-8601, engine rows hold its microseconds
        BatchAndStream t = texts("2024-01-15 10:30:00");
        assertThat(t.batch("SELECT CAST(s AS TIMESTAMP) AS c FROM t")).containsExactly("2024-01-15T10:30:00Z");
        assertThat(t.stream("SELECT CAST(s AS TIMESTAMP) AS c FROM t")).containsExactly("1705314600000000");
        castOfMaybeFails(texts("2024-01-15 10:30:00", "maybe"), "SELECT CAST(s AS TIMESTAMP) AS c FROM t");
    }

    @Test
    void when_textIsCastToDates_then_streamAndBatchAgreeAsSparkDoes() {
        texts("2024-01-15", " 2024-1-5 ", "2024-02", "2024-01-15 10:30:00", null)
                .assertBothAnswer(
                        "SELECT CAST(s AS DATE) AS c FROM t",
                        "2024-01-05",
                        "2024-01-15",
                        "2024-01-15",
                        "2024-02-01",
                        "null");
        castOfMaybeFails(texts("2024-01-15", "maybe"), "SELECT CAST(s AS DATE) AS c FROM t");
        texts("2024-01-15", "maybe", "2024-02-30")
                .assertBothAnswer("SELECT try_cast(s AS DATE) AS c FROM t", "2024-01-15", "null", "null");
    }
}
