package dev.eddy.streaming.ops;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnionWatermarkTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final Schema schema = Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("word", DataType.STRING));
    private final MemoryStream fast = eddy.memoryStream(schema);
    private final MemoryStream slow = eddy.memoryStream(schema);

    private static Object[] ev(long second, String w) {
        return new Object[]{Instant.ofEpochSecond(second), w};
    }

    @Test
    void when_twoInputsHaveWatermarks_then_theGlobalWatermarkIsTheMinimumAndNeverGoesBack() {
        Dataset both = fast.toDF().withWatermark("ts", "10 seconds").union(slow.toDF().withWatermark("ts", "30 seconds"));
        Dataset counts = both.groupBy(window(col("ts"), "10 seconds")).count();
        try (QueryTestDriver d = QueryTestDriver.start(counts.writeStream().outputMode("append"))) {
            fast.addData(ev(100, "a"));
            d.runTrigger();
            assertThat(d.watermark()).as("only the fast input has data").contains(Instant.ofEpochSecond(90));
            slow.addData(ev(100, "b"));
            d.runTrigger();
            assertThat(d.watermark()).as("min(90, 70) would go back: it stays").contains(Instant.ofEpochSecond(90));
            fast.addData(ev(200, "c"));
            slow.addData(ev(140, "d"));
            d.runTrigger();
            assertThat(d.watermark()).as("min(190, 110)").contains(Instant.ofEpochSecond(110));
            assertThat(d.result()).extracting(r -> r.getLong("count")).containsExactly(2L);
        }
    }

    @Test
    void when_unionInputsDifferInTypes_then_errorNamesTheColumn() {
        MemoryStream other = eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("n", DataType.LONG)));
        assertThatThrownBy(() -> fast.toDF().union(other.toDF())).hasMessageContaining("union column 2");
    }
}
