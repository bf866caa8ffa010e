package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class OutputModeRulesTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in =
            eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("k", DataType.STRING)));

    @Test
    void when_appendOnAggregationWithoutWatermark_then_startFailsNamingTheRule() {
        Dataset counts =
                in.toDF().groupBy(window(col("ts"), "1 minute"), col("k")).count();
        assertThatThrownBy(() -> QueryTestDriver.start(counts.writeStream().outputMode("append")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Append output mode not supported when there are streaming aggregations")
                .hasMessageContaining("without watermark");
    }

    @Test
    void when_watermarkIsOnAnotherColumnThanTheWindow_then_appendIsRejected() {
        MemoryStream two =
                eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("ts2", DataType.TIMESTAMP)));
        Dataset counts = two.toDF()
                .withWatermark("ts2", "1 minute")
                .groupBy(window(col("ts"), "1 minute"))
                .count();
        assertThatThrownBy(() -> QueryTestDriver.start(counts.writeStream().outputMode("append")))
                .hasMessageContaining("without watermark");
    }

    @Test
    void when_watermarkedColumnIsRenamed_then_theWatermarkFollowsIt() {
        Dataset counts = in.toDF()
                .withWatermark("ts", "1 minute")
                .select(col("ts").as("time"), col("k"))
                .groupBy(window(col("time"), "1 minute"), col("k"))
                .count();
        try (QueryTestDriver d = QueryTestDriver.start(counts.writeStream().outputMode("append"))) {
            in.addData(new Object[] {Instant.ofEpochSecond(0), "a"}, new Object[] {Instant.ofEpochSecond(200), "b"});
            Assertions.assertThat(d.runTrigger().newRows())
                    .extracting(r -> r.getString("k"))
                    .containsExactly("a");
        }
    }

    @Test
    void when_completeWithoutAggregation_then_startFailsNamingTheRule() {
        assertThatThrownBy(() -> QueryTestDriver.start(
                        in.toDF().select("k").writeStream().outputMode("complete")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Complete output mode not supported when there are no streaming aggregations");
    }

    @Test
    void when_twoAggregationsAreChained_then_rejected() {
        Dataset twice = in.toDF().groupBy("k").count().groupBy("count").agg(alias(count(), "n"));
        assertThatThrownBy(() -> QueryTestDriver.start(twice.writeStream().outputMode("complete")))
                .hasMessageContaining("Multiple streaming aggregations");
    }

    @Test
    void when_memorySinkHasNoName_then_startFailsClearly() {
        assertThatThrownBy(() -> in.toDF().writeStream().format("memory").start())
                .hasMessageContaining("queryName");
    }

    @Test
    void when_outputModeOrFormatIsUnknown_then_clearErrors() {
        assertThatThrownBy(() -> in.toDF().writeStream().outputMode("sometimes"))
                .hasMessageContaining("append, update or complete");
        assertThatThrownBy(() -> eddy.readStream().format("carrier-pigeon").load())
                .hasMessageContaining("unknown source format 'carrier-pigeon'");
        assertThatThrownBy(() -> in.toDF().select("nope")).hasMessageContaining("cannot resolve column 'nope'");
    }
}
