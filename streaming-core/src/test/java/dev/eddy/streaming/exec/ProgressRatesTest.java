package dev.eddy.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.progress.QueryProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rates as Spark's ProgressReporter computes them. */
class ProgressRatesTest {
    // a manual clock that never moves: every batch takes 0 ms of engine time
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Eddy eddy = Eddy.builder().clock(clock).build();
    private final MemoryStream words = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));

    @AfterEach
    void stopAll() {
        eddy.streams().stopAll();
    }

    @Test
    void when_aBatchTakesLessThanAMillisecond_then_itsProcessingTimeCountsAsOneMillisecond() throws Exception {
        StreamingQuery q = words.toDF().writeStream().memory("w").start();
        words.addData(new Object[] {"a"});
        q.processAllAvailable();

        QueryProgress p = q.recentProgress().stream()
                .filter(x -> x.numInputRows() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(p.durationMs().get("triggerExecution")).isZero();
        assertThat(p.processedRowsPerSecond()).isEqualTo(1000.0); // 1 row / max(1 ms, 0 ms)
        assertThat(p.sources().get(0).processedRowsPerSecond()).isEqualTo(1000.0);
        assertThat(p.inputRowsPerSecond())
                .as("the first trigger has no previous one: Spark divides by infinity")
                .isZero();
    }
}
