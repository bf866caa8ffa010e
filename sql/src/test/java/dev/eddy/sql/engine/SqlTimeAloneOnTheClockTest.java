package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A time alone ({@code 10:15:30}, {@code T07:05}) read as a TIMESTAMP by {@code to_timestamp} or a cast is on the
 * current day (UTC), as Spark puts it: a batch query's day is its session clock's, read once when it starts; a
 * streaming query's is the micro-batch's timestamp, the engine clock when the batch was planned (DESIGN.md: engine
 * logic never reads the wall clock), so with a manual clock each batch answers on the clock's day and a later batch on
 * the day the clock has moved to.
 */
class SqlTimeAloneOnTheClockTest {
    private static final long MAY_6 = Instant.parse("2031-05-06T23:59:59Z").toEpochMilli();
    private static final long MAY_7 = Instant.parse("2031-05-07T00:00:01Z").toEpochMilli();

    @Test
    void when_aTimeAloneIsReadInBatchAndStream_then_itIsOnTheSessionClocksDay() {
        new BatchAndStream()
                .clockAt(MAY_6)
                .row("10:15:30", 1, 1.0)
                .row("T07:05", 2, 2.0)
                .row("2024-01-05 10:15", 3, 3.0)
                .assertBothAnswer(
                        "SELECT a, CAST(to_timestamp(s) AS STRING), CAST(CAST(s AS TIMESTAMP) AS STRING),"
                                + " CAST(try_cast(s AS TIMESTAMP) AS STRING), to_date(to_timestamp(s)) = current_date()"
                                + " FROM t",
                        "1 2031-05-06 10:15:30 2031-05-06 10:15:30 2031-05-06 10:15:30 true",
                        "2 2031-05-06 07:05:00 2031-05-06 07:05:00 2031-05-06 07:05:00 true",
                        "3 2024-01-05 10:15:00 2024-01-05 10:15:00 2024-01-05 10:15:00 false");
    }

    @Test
    void when_aTimeAloneIsReadAsADate_then_itFailsAndAPatternPutsItOnTheFirstDay() {
        // Spark 4.2 (the differential's probe): to_date(text) is a cast to DATE, which reads no time alone
        BatchAndStream t = new BatchAndStream().clockAt(MAY_6).row("10:15:30", 1, 1.0);
        t.assertBothFail("SELECT to_date(s) FROM t", "[CAST_INVALID_INPUT]");
        new BatchAndStream()
                .clockAt(MAY_6)
                .row("T10:15", 1, 1.0)
                .assertBothFail("SELECT to_date(s) FROM t", "[CAST_INVALID_INPUT]");
        // with a pattern, the fields it leaves out are 1970-01-01's, whatever the clock
        t.assertBothAnswer(
                "SELECT CAST(to_date(s, 'HH:mm:ss') AS STRING), CAST(to_timestamp(s, 'HH:mm:ss') AS STRING) FROM t",
                "1970-01-01 1970-01-01 10:15:30");
    }

    @Test
    void when_theManualClockPassesMidnightBetweenBatches_then_theNextBatchReadsTheNewDay() {
        ManualClock clock = new ManualClock(MAY_6);
        Eddy eddy = Eddy.builder().clock(clock).noDataBatches(false).build();
        Sql sql = new Sql(eddy).startInserts(false);
        MemoryStream t = eddy.memoryStream(Schema.of(Field.of("s", DataType.STRING), Field.of("a", DataType.INT)));
        sql.catalog().registerStream("t", t.toDF());
        try (QueryTestDriver d = QueryTestDriver.start(
                sql.stream("SELECT a, CAST(to_timestamp(s) AS STRING) AS ts, CAST(CAST(s AS TIMESTAMP) AS STRING) AS c"
                                + " FROM t")
                        .writeStream()
                        .outputMode("append"))) {
            t.addData(new Object[] {"10:15:30", 1});
            List<String> first = lines(d.runTrigger().newRows());
            clock.set(MAY_7);
            t.addData(new Object[] {"10:15:30", 2}, new Object[] {"T23:59:59.5", 3});
            List<String> second = lines(d.runTrigger().newRows());
            assertThat(first).containsExactly("1 2031-05-06 10:15:30 2031-05-06 10:15:30");
            assertThat(second)
                    .containsExactly(
                            "2 2031-05-07 10:15:30 2031-05-07 10:15:30",
                            "3 2031-05-07 23:59:59.5 2031-05-07 23:59:59.5");
        }
    }

    private static List<String> lines(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.get(0) + " " + r.get(1) + " " + r.get(2));
        }
        out.sort(null);
        return out;
    }
}
