package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.add;
import static dev.eddy.streaming.api.expr.Functions.and;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.ge;
import static dev.eddy.streaming.api.expr.Functions.interval;
import static dev.eddy.streaming.api.expr.Functions.le;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;

/**
 * Spark's ad impressions / clicks example, in seconds, for the stream-stream join tests: two memory streams on a
 * manual clock, impressions with a 10 s watermark and clicks with a 20 s one, joined on the same ad clicked within a
 * minute of its impression.
 */
final class AdStreams {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    final MemoryStream impressions = eddy.memoryStream(
            Schema.of(Field.of("impressionAdId", DataType.STRING), Field.of("impressionTime", DataType.TIMESTAMP)));
    final MemoryStream clicks = eddy.memoryStream(
            Schema.of(Field.of("clickAdId", DataType.STRING), Field.of("clickTime", DataType.TIMESTAMP)));
    private final Expr clickWithinAMinute = and(
            eq(col("clickAdId"), col("impressionAdId")),
            and(
                    ge(col("clickTime"), col("impressionTime")),
                    le(col("clickTime"), add(col("impressionTime"), interval("60 seconds")))));

    /** An impression or a click of {@code ad} at {@code second}. */
    static Object[] ev(String ad, long second) {
        return new Object[] {ad, Instant.ofEpochSecond(second)};
    }

    /**
     * The rows the join's state holds (operator 0), sorted, each as {@code impression <ad>@<second>} or
     * {@code click <ad>@<second>}.
     */
    static List<String> held(QueryTestDriver d) {
        return d.stateRows(0).stream()
                .map(r -> r.getTimestamp("impressionTime") != null
                        ? "impression " + r.getString("impressionAdId") + "@"
                                + r.getTimestamp("impressionTime").getEpochSecond()
                        : "click " + r.getString("clickAdId") + "@"
                                + r.getTimestamp("clickTime").getEpochSecond())
                .sorted()
                .toList();
    }

    /** The watermarked impressions joined with the watermarked clicks by a join of {@code type}. */
    Dataset join(String type) {
        Dataset imps = impressions.toDF().withWatermark("impressionTime", "10 seconds");
        Dataset clk = clicks.toDF().withWatermark("clickTime", "20 seconds");
        return imps.join(clk, clickWithinAMinute, type);
    }
}
