package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Eddy's timestamps are milliseconds (the engine's unit), where Spark keeps microseconds: a finer fraction is cut
 * toward the past to the millisecond ({@code .123999} is {@code .123}, {@code 1969-12-31 23:59:59.9999} is
 * {@code ...59.999}), never rounded, by every function that makes a timestamp, in a batch query and in a streaming
 * query alike. Spark 4.2 answers {@code .123999} for these; everything at millisecond precision is equal to Spark's.
 */
class SqlTimestampPrecisionBatchAndStreamTest {
    private static final BatchAndStream T = new BatchAndStream().row("2024-01-01 00:00:00.123999", 1, 59.9999994);

    @Test
    void when_textWithMicrosecondsIsCastToATimestamp_then_theFractionIsCutToTheMillisecond() {
        // Calcite's batch cast rounded a column's fraction (.124) and dropped a literal's (00:00:00)
        T.assertBothAnswer("SELECT CAST(CAST(s AS TIMESTAMP) AS STRING) AS c FROM t", "2024-01-01 00:00:00.123");
        T.assertBothAnswer(
                "SELECT CAST(CAST('2024-01-01 00:00:00.123999' AS TIMESTAMP) AS STRING) AS c FROM t",
                "2024-01-01 00:00:00.123");
        T.assertBothAnswer(
                "SELECT CAST(CAST('1969-12-31 23:59:59.9999' AS TIMESTAMP) AS STRING) AS c FROM t",
                "1969-12-31 23:59:59.999");
        T.assertBothAnswer("SELECT unix_millis(CAST('1969-12-31 23:59:59.9999' AS TIMESTAMP)) AS c FROM t", "-1");
        T.assertBothAnswer(
                "SELECT CAST(CAST('2024-01-01 10:00:00.5' AS TIMESTAMP) AS STRING) AS c FROM t",
                "2024-01-01 10:00:00.5");
    }

    @Test
    void when_aFunctionMakesATimestampFromMicroseconds_then_itIsCutToTheMillisecond() {
        T.assertBothAnswer("SELECT CAST(to_timestamp(s) AS STRING) AS c FROM t", "2024-01-01 00:00:00.123");
        T.assertBothAnswer(
                "SELECT CAST(make_timestamp(2024, 1, 1, 0, 0, 59.999999) AS STRING) AS c FROM t",
                "2024-01-01 00:00:59.999");
        T.assertBothAnswer(
                "SELECT CAST(make_timestamp(2024, 1, 1, 0, 0, x) AS STRING) AS c FROM t", "2024-01-01 00:00:59.999");
        T.assertBothAnswer("SELECT unix_micros(timestamp_micros(1700000000123456)) AS c FROM t", "1700000000123000");
        T.assertBothAnswer("SELECT unix_millis(make_timestamp(1969, 12, 31, 23, 59, 59.9999)) AS c FROM t", "-1");
    }

    @Test
    void when_textIsNoTimestamp_then_theCastFailsWithSparksError() {
        for (List<String> answer : List.of(
                T.batch("SELECT CAST(s || 'x' AS TIMESTAMP) AS c FROM t"),
                T.stream("SELECT CAST(s || 'x' AS TIMESTAMP) AS c FROM t"))) {
            assertThat(answer).hasSize(1);
            assertThat(answer.get(0)).startsWith("error:").contains("[CAST_INVALID_INPUT]");
        }
    }
}
