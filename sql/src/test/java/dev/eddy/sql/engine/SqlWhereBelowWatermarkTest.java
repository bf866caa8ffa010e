package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A WHERE over a watermarked stream is applied before the watermark, as Spark's optimizer pushes such filters
 * below EventTimeWatermark: a row the WHERE drops never moves the watermark (found by SparkStreamDifferentialIT).
 */
class SqlWhereBelowWatermarkTest {
    @Test
    void when_whereDropsTheLatestRow_then_theWatermarkFollowsOnlyTheRowsThatPass() {
        Eddy session = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream in =
                session.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("v", DataType.INT)));
        session.registerView("events", in.toDF().withWatermark("ts", "0 seconds"));
        Sql sql = new Sql(session);
        String q = "SELECT window.start AS ws, COUNT(*) AS n FROM events WHERE v > 0 GROUP BY window(ts, '10 seconds')";
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(q).writeStream().outputMode("append"))) {
            in.addData(new Object[] {Instant.ofEpochSecond(100), 1}, new Object[] {Instant.ofEpochSecond(200), -1});
            d.runTrigger();
            // the row at 200 s fails v > 0: the watermark is 100 s (the max of the rows that pass), not 200 s
            assertThat(d.watermark()).contains(Instant.ofEpochSecond(100));
        }
    }

    @Test
    void when_whereOverTheEventTimeIsNullForANullColumn_then_rowsWithThatNullNeverMoveTheWatermark() {
        // Spark infers isnotnull(v) from the WHERE (InferFiltersFromConstraints) and pushes it below the watermark
        Eddy session = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream in =
                session.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("v", DataType.INT)));
        session.registerView("events", in.toDF().withWatermark("ts", "0 seconds"));
        Sql sql = new Sql(session);
        String q = "SELECT window.start AS ws, COUNT(*) AS n FROM events"
                + " WHERE date_add(to_date(ts), v) <> DATE '1970-01-03' GROUP BY window(ts, '10 seconds')";
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(q).writeStream().outputMode("append"))) {
            in.addData(new Object[] {Instant.ofEpochSecond(100), 1}, new Object[] {Instant.ofEpochSecond(200), null});
            d.runTrigger();
            assertThat(d.watermark()).contains(Instant.ofEpochSecond(100));
        }
    }
}
