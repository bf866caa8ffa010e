package dev.eddy.sql.engine;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * current_timestamp(), now(), current_date() and curdate() (and the niladic CURRENT_TIMESTAMP, CURRENT_DATE) read the
 * session's clock: once when a batch query starts (one value for the whole query, as Spark's) and, in a streaming
 * query, the micro-batch's timestamp (Spark's CurrentBatchTimestamp). With a manual clock both answer alike.
 */
class SqlCurrentTimeBatchAndStreamTest {
    private static final long AT = Instant.parse("2024-03-05T10:15:30.125Z").toEpochMilli();

    private static BatchAndStream rows() {
        return new BatchAndStream()
                .clockAt(AT)
                .row("a", 1, 1.0)
                .row("b", 2, 2.0)
                .row("c", 3, 3.0);
    }

    @Test
    void when_theCurrentTimeIsSelected_then_everyRowHasTheSessionClocksTimeInBatchAndStream() {
        rows().assertBothAnswer(
                        "SELECT s, CAST(current_timestamp() AS STRING), CAST(now() AS STRING),"
                                + " CAST(current_date() AS STRING), CAST(curdate() AS STRING) FROM t",
                        "a 2024-03-05 10:15:30.125 2024-03-05 10:15:30.125 2024-03-05 2024-03-05",
                        "b 2024-03-05 10:15:30.125 2024-03-05 10:15:30.125 2024-03-05 2024-03-05",
                        "c 2024-03-05 10:15:30.125 2024-03-05 10:15:30.125 2024-03-05 2024-03-05");
    }

    @Test
    void when_theNiladicFormsAreUsed_then_theyAreTheSameTime() {
        rows().assertBothAnswer(
                        "SELECT s FROM t WHERE CURRENT_TIMESTAMP = now() AND CURRENT_DATE = current_date()"
                                + " AND a > 1",
                        "b",
                        "c");
    }

    @Test
    void when_theCurrentDateIsComputedWith_then_dateFunctionsTakeIt() {
        rows().assertBothAnswer(
                        "SELECT s, datediff(current_date(), DATE '2024-01-01'),"
                                + " CAST(date_add(current_date(), a) AS STRING),"
                                + " unix_millis(current_timestamp()) FROM t WHERE a = 2",
                        "b 64 2024-03-07 " + AT);
    }
}
