package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.expr;
import static dev.eddy.streaming.api.expr.Functions.timestamp_micros;
import static dev.eddy.streaming.api.expr.Functions.timestamp_millis;
import static dev.eddy.streaming.api.expr.Functions.timestamp_seconds;
import static dev.eddy.streaming.api.expr.Functions.unix_micros;
import static dev.eddy.streaming.api.expr.Functions.unix_millis;
import static dev.eddy.streaming.api.expr.Functions.unix_seconds;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spark's epoch conversions (timestamp_seconds and friends), the way tutorials turn a number into event time. */
class TimeFunctionsTest {
    private final SingleStream input = new SingleStream(
            Field.of("n", DataType.LONG), Field.of("x", DataType.DOUBLE), Field.of("ts", DataType.TIMESTAMP));
    private final MemoryStream in = input.in;

    @Test
    void when_numbersAreConvertedToTimestamps_then_theyCountFromTheEpochAsInSpark() {
        Dataset d = in.toDF()
                .select(
                        timestamp_seconds(col("n")).as("s"),
                        timestamp_seconds(col("x")).as("fs"),
                        timestamp_millis(col("n")).as("ms"),
                        timestamp_micros(col("n")).as("us"));
        Row r = input.run(d, "append", new Object[] {1_700_000_000L, 1.25, null})
                .get(0);
        assertThat(r.getTimestamp("s")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(r.getTimestamp("fs")).isEqualTo(Instant.ofEpochMilli(1250));
        assertThat(r.getTimestamp("ms")).isEqualTo(Instant.ofEpochMilli(1_700_000_000L));
        assertThat(r.getTimestamp("us")).isEqualTo(Instant.ofEpochMilli(1_700_000));
    }

    @Test
    void when_timestampsAreConvertedToNumbers_then_theyAreRoundedDown() {
        Dataset d = in.toDF()
                .select(
                        unix_seconds(col("ts")).as("s"),
                        unix_millis(col("ts")).as("ms"),
                        unix_micros(col("ts")).as("us"));
        Row r = input.run(d, "append", new Object[] {0L, 0.0, -1L}).get(0);
        assertThat(r.getLong("s")).isEqualTo(-1);
        assertThat(r.getLong("ms")).isEqualTo(-1);
        assertThat(r.getLong("us")).isEqualTo(-1);
    }

    @Test
    void when_aNumberBecomesEventTime_then_itCanCarryAWatermarkAndWindows() {
        Dataset d = in.toDF()
                .withColumn("t", timestamp_seconds(col("n")))
                .withWatermark("t", "5 seconds")
                .groupBy(window(col("t"), "10 seconds"))
                .count();
        List<Row> rows = input.run(
                d, "append", new Object[] {1L, 0.0, 0L}, new Object[] {3L, 0.0, 0L}, new Object[] {30L, 0.0, 0L});
        assertThat(rows)
                .as("[0, 10) closes when the watermark reaches 25 s")
                .extracting(r -> r.getLong("count"))
                .containsExactly(2L);
    }

    @Test
    void when_theArgumentIsNotANumber_then_theErrorSaysSo() {
        assertThatThrownBy(() -> in.toDF()
                        .select(unix_seconds(col("n")))
                        .writeStream()
                        .outputMode("append")
                        .memory("bad")
                        .start())
                .hasMessageContaining("unix_seconds() needs a timestamp");
    }

    @Test
    void when_theSqlModuleIsAbsent_then_selectExprAndExprSaySo() {
        assertThatThrownBy(() -> in.toDF().selectExpr("n + 1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SQL module");
        assertThatThrownBy(() -> in.toDF().filter(expr("n > 1"))).hasMessageContaining("SQL module");
    }
}
