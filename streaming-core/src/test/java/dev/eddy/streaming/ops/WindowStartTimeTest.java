package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spark's window start time: zero is the plain window, a negative one shifts the starts back, |start| < slide. */
class WindowStartTimeTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in = eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP)));

    private List<String> starts(String startTime) {
        Dataset d = in.toDF()
                .groupBy(window(col("ts"), "10 seconds", "10 seconds", startTime))
                .count();
        try (QueryTestDriver q = QueryTestDriver.start(d.writeStream().outputMode("complete"))) {
            in.addData(new Object[] {Instant.ofEpochSecond(12)});
            q.runTrigger();
            return q.result().stream()
                    .map(r -> r.getStruct("window").getTimestamp("start").toString())
                    .toList();
        }
    }

    @Test
    void when_startTimeIsZeroOrShifted_then_windowsStartThere() {
        assertThat(starts("0 seconds")).containsExactly("1970-01-01T00:00:10Z");
        assertThat(starts("3 seconds")).containsExactly("1970-01-01T00:00:03Z");
        assertThat(starts("-3 seconds")).containsExactly("1970-01-01T00:00:07Z");
    }

    @Test
    void when_startTimeIsNotBelowTheSlide_then_itIsRefusedAsInSpark() {
        assertThatThrownBy(() -> window(col("ts"), "10 seconds", "5 seconds", "5 seconds"))
                .hasMessageContaining("must be less than the slide");
    }
}
