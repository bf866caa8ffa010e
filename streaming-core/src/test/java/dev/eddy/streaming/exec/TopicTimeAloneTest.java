package dev.eddy.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.topic.Topics;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A topic value decoded as JSON or CSV whose TIMESTAMP is a time alone ({@code 10:15:30}) is on the day of the engine
 * clock when the value is read, in the value's zone, as Spark reads it on the current day (never the wall clock).
 */
class TopicTimeAloneTest {
    private final ManualClock clock =
            new ManualClock(Instant.parse("2026-12-07T02:00:00Z").toEpochMilli());
    private final Eddy eddy = Eddy.builder().clock(clock).build();
    private final String registry = "time-alone-" + UUID.randomUUID();
    private final Topics topics = new Topics(eddy.clock()).registerAs(registry);

    @Test
    void when_aDecodedValueIsATimeAlone_then_itIsOnTheEngineClocksDayWhenRead() {
        topics.create("times", 1);
        Dataset in = eddy.readStream()
                .format("topic")
                .option("topic", "times")
                .option("topics", registry)
                .option("startingOffsets", "earliest")
                .option("valueFormat", "json")
                .schema(Schema.of(Field.of("at", DataType.TIMESTAMP)))
                .load()
                .select("at");
        topics.send("times", "a", "{\"at\":\"10:15:30\"}");
        // 02:00 UTC on 7 December is 21:00 on 6 December in -05:00
        topics.send("times", "b", "{\"at\":\"23:00:00-05:00\"}");
        try (QueryTestDriver d = QueryTestDriver.start(in.writeStream().outputMode("append"))) {
            assertThat(d.runTrigger().newRows())
                    .extracting(r -> r.getTimestamp(0).toString())
                    .containsExactly("2026-12-07T10:15:30Z", "2026-12-07T04:00:00Z");
            clock.advance(86_400_000L);
            topics.send("times", "c", "{\"at\":\"10:15:30\"}");
            assertThat(d.runTrigger().newRows())
                    .extracting(r -> r.getTimestamp(0).toString())
                    .as("read a day later: the next day")
                    .containsExactly("2026-12-08T10:15:30Z");
        }
    }
}
