package dev.eddy.streaming.internal.source.topic;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.gt;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.topic.TopicRecord;
import dev.eddy.streaming.api.topic.Topics;
import dev.eddy.streaming.internal.sink.file.CrashBeforeCommitStore;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic source -> query -> topic sink, through the engine's deterministic test driver. */
class TopicQueryRoundTripTest {
    private final ManualClock clock = new ManualClock(1_000);
    private final String registry = "rt-" + UUID.randomUUID();
    private final Topics topics = new Topics(clock).registerAs(registry);
    private final Eddy eddy = Eddy.builder().clock(clock).build();

    @Test
    void when_jsonBidsFlowThroughAFilterQuery_then_matchingRowsLandOnTheOutputTopicOnce() {
        topics.create("bids", 2);
        topics.send("bids", "ann", "{\"user\":\"ann\",\"price\":5}");
        topics.send("bids", "bob", "{\"user\":\"bob\",\"price\":50}");
        topics.send("bids", "bad", "{\"user\":");
        Dataset bids = eddy.readStream()
                .format("topic")
                .option("topic", "bids")
                .option("topics", registry)
                .option("startingOffsets", "earliest")
                .option("valueFormat", "json")
                .schema(Schema.of(Field.of("user", DataType.STRING), Field.of("price", DataType.LONG)))
                .load();
        Dataset expensive = bids.filter(gt(col("price"), lit(10L))).select("user", "price");
        try (QueryTestDriver d = QueryTestDriver.start(expensive
                .writeStream()
                .format("topic")
                .option("topic", "expensive")
                .option("topics", registry)
                .option("keyColumn", "user")
                .outputMode("append"))) {
            assertThat(d.runTrigger().progress().numInputRows()).isEqualTo(3);
            topics.send("bids", "cy", "{\"user\":\"cy\",\"price\":70}");
            d.runTrigger();
            assertThat(d.runTrigger().ranNothing()).isTrue();
        }
        List<TopicRecord> out = topics.read("expensive", 0, 0, 10);
        assertThat(out).extracting(TopicRecord::keyAsString).containsExactly("bob", "cy");
        assertThat(out)
                .extracting(TopicRecord::valueAsString)
                .containsExactly("{\"user\":\"bob\",\"price\":50}", "{\"user\":\"cy\",\"price\":70}");
    }

    @Test
    void when_rawTopicIsRead_then_metadataColumnsReachTheResult() {
        topics.create("raw", 1);
        topics.producer("raw").send("k", "hello", 7);
        Dataset raw = eddy.readStream()
                .format("topic")
                .option("topic", "raw")
                .option("topics", registry)
                .option("startingOffsets", "earliest")
                .load();
        try (QueryTestDriver d = QueryTestDriver.start(
                raw.select("key", "value", "offset", "timestamp").writeStream().outputMode("append"))) {
            d.runTrigger();
            assertThat(d.result()).extracting(r -> r.values()).containsExactly(new Object[] {"k", "hello", 0L, 7_000L});
        }
    }

    @Test
    void when_queryCrashesAfterTheTopicSinkWrote_then_theRerunBatchIsNotProducedTwice(@TempDir Path checkpointDir) {
        topics.create("in", 1);
        topics.send("in", "k", "a");
        Dataset in = eddy.readStream()
                .format("topic")
                .option("topic", "in")
                .option("topics", registry)
                .option("startingOffsets", "earliest")
                .load()
                .select("key", "value");
        InMemoryCheckpointStore checkpoint = new InMemoryCheckpointStore();
        try (QueryTestDriver d = QueryTestDriver.start(
                writer(in, checkpointDir).checkpointStore(new CrashBeforeCommitStore(checkpoint)))) {
            d.runTrigger();
        }
        topics.send("in", "k", "b");
        try (QueryTestDriver d = QueryTestDriver.start(writer(in, checkpointDir).checkpointStore(checkpoint))) {
            assertThat(d.runTrigger().progress().batchId()).isEqualTo(0);
            d.runTrigger();
        }
        assertThat(topics.read("copy", 0, 0, 10))
                .extracting(TopicRecord::valueAsString)
                .containsExactly("{\"key\":\"k\",\"value\":\"a\"}", "{\"key\":\"k\",\"value\":\"b\"}");
    }

    private DataStreamWriter writer(Dataset in, Path checkpointDir) {
        return in.writeStream()
                .format("topic")
                .option("topic", "copy")
                .option("topics", registry)
                .option("keyColumn", "key")
                .checkpointLocation(checkpointDir.toString())
                .outputMode("append");
    }
}
