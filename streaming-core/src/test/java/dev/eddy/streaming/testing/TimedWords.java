package dev.eddy.streaming.testing;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.window;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.time.Instant;

/**
 * Words with an event time, the input of many engine tests (watermarks, checkpoints, restarts): rows of
 * {@code (ts TIMESTAMP, word STRING)}, and the windowed count most of them run over it.
 */
public final class TimedWords {
    /** {@code ts TIMESTAMP, word STRING}. */
    public static final Schema SCHEMA =
            Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("word", DataType.STRING));

    private TimedWords() {}

    /** One row: {@code word} at {@code second} (epoch seconds). */
    public static Object[] ev(long second, String word) {
        return new Object[] {Instant.ofEpochSecond(second), word};
    }

    /** Counts per word in 10 s tumbling windows of {@code ts}, with a 10 s watermark. */
    public static Dataset windowedCounts(Dataset words) {
        return words.withWatermark("ts", "10 seconds")
                .groupBy(window(col("ts"), "10 seconds"), col("word"))
                .count();
    }
}
