package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.current_date;
import static dev.eddy.streaming.api.expr.Functions.current_timestamp;
import static dev.eddy.streaming.api.expr.Functions.datediff;
import static dev.eddy.streaming.api.expr.Functions.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.Functions;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * current_timestamp(), now() and current_date() in a streaming query are the micro-batch's timestamp, as Spark's
 * MicroBatchExecution has them (CurrentBatchTimestamp): read from the query's clock when the batch is planned, the
 * same for every row and every operator of the batch, a new one for the next batch.
 */
class CurrentTimeTest {
    private static final Instant START = Instant.parse("2024-03-05T23:59:58.125Z");
    private final ManualClock clock = new ManualClock(START.toEpochMilli());
    private final Eddy eddy = Eddy.builder().clock(clock).build();
    private final MemoryStream in = eddy.memoryStream(Schema.of(Field.of("n", DataType.INT)));

    @Test
    void when_currentTimeIsSelected_then_everyRowOfABatchHasTheBatchTimeAndTheNextBatchItsOwn() {
        Dataset d = in.toDF()
                .select(
                        col("n"),
                        current_timestamp().as("ts"),
                        now().as("now"),
                        current_date().as("day"),
                        current_timestamp().cast(DataType.STRING).as("text"));
        assertThat(d.schema().field("ts").type()).isEqualTo(DataType.TIMESTAMP);
        assertThat(d.schema().field("day").type()).isEqualTo(DataType.DATE);
        try (QueryTestDriver q = QueryTestDriver.start(d.writeStream().outputMode("append"))) {
            in.addData(new Object[] {1}, new Object[] {2}, new Object[] {3});
            List<Row> first = q.runTrigger().newRows();
            assertThat(first).hasSize(3);
            for (Row r : first) {
                assertThat(r.getTimestamp("ts")).isEqualTo(START);
                assertThat(r.getTimestamp("now")).isEqualTo(START);
                assertThat(r.getDate("day")).isEqualTo(LocalDate.of(2024, 3, 5));
                assertThat(r.getString("text")).isEqualTo("2024-03-05 23:59:58.125");
            }
            q.advanceTime(Duration.ofSeconds(2));
            in.addData(new Object[] {4});
            List<Row> second = q.runTrigger().newRows();
            assertThat(second.get(0).getTimestamp("ts")).isEqualTo(START.plusSeconds(2));
            assertThat(second.get(0).getDate("day"))
                    .as("the UTC day of the new batch's time")
                    .isEqualTo(LocalDate.of(2024, 3, 6));
            assertThat(q.lastProgress().batchId()).isEqualTo(1);
        }
    }

    @Test
    void when_aFilterAndAProjectionBothReadTheTime_then_theySeeTheSameValueInABatch() {
        Dataset d = in.toDF()
                .filter(current_timestamp().equalTo(Functions.lit(START)))
                .select(
                        col("n"),
                        datediff(current_date(), Functions.lit(LocalDate.of(2024, 1, 1)))
                                .as("days"));
        try (QueryTestDriver q = QueryTestDriver.start(d.writeStream().outputMode("append"))) {
            in.addData(new Object[] {1}, new Object[] {2});
            List<Row> rows = q.runTrigger().newRows();
            assertThat(rows).extracting(r -> r.getInt("days")).containsExactly(64, 64);
            q.advanceTime(Duration.ofMillis(1));
            in.addData(new Object[] {3});
            assertThat(q.runTrigger().newRows())
                    .as("the filter's time moved on")
                    .isEmpty();
        }
    }

    @Test
    void when_theTimeIsGroupedBy_then_eachBatchCountsUnderItsOwnDay() {
        Dataset d = in.toDF().groupBy(current_date().as("day")).count();
        try (QueryTestDriver q = QueryTestDriver.start(d.writeStream().outputMode("complete"))) {
            in.addData(new Object[] {1}, new Object[] {2});
            q.runTrigger();
            q.advanceTime(Duration.ofSeconds(5));
            in.addData(new Object[] {3});
            q.runTrigger();
            assertThat(q.result())
                    .extracting(r -> r.getDate("day") + "=" + r.getLong("count"))
                    .containsExactlyInAnyOrder("2024-03-05=2", "2024-03-06=1");
        }
    }

    @Test
    void when_currentTimestampIsGivenAnArgument_then_itIsRefusedWithItsName() {
        Expr bad = new Expr.Call("current_timestamp", List.of(col("n")));
        assertThatThrownBy(() -> in.toDF().select(bad)).hasMessageContaining("current_timestamp() takes no arguments");
    }
}
