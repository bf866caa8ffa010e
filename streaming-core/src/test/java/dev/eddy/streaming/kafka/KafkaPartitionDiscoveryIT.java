package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Partitions and topics that appear while a query runs are read; ones that disappear are data loss. */
class KafkaPartitionDiscoveryIT extends KafkaFixture {
    private StreamingQuery start(String option, String value, String table, Map<String, String> extra) {
        return start(option, value, table, extra, "raw");
    }

    private StreamingQuery start(String option, String value, String table, Map<String, String> extra, String fetch) {
        return kafkaSource()
                .option(option, value)
                .option("startingOffsets", "earliest")
                .option("fetch", fetch)
                .options(extra)
                .load()
                .select("value", "topic", "partition")
                .writeStream()
                .memory(table)
                .checkpointLocation(tmp.resolve(table).toString())
                .trigger(Trigger.processingTime(Duration.ofMillis(100)))
                .start();
    }

    private List<String> values(String table) {
        return eddy.memoryTable(table).toRows().stream()
                .map(r -> r.getString("value"))
                .toList();
    }

    @ParameterizedTest(name = "fetch = {0}")
    @ValueSource(strings = {"consumer", "raw"})
    void when_partitionsAreAddedToASubscribedTopic_then_laterTriggersReadThemFromEarliestAndLogTheirOffsets(
            String fetch) throws Exception {
        String topic = "grow-in-" + fetch;
        BROKER.createTopic(topic, 1);
        KafkaData.produceTo(BROKER, topic, 0, "a1");
        StreamingQuery q = start("subscribe", topic, "grow", Map.of(), fetch);
        q.processAllAvailable();
        assertThat(values("grow")).containsExactly("a1");
        try (Admin admin = BROKER.admin()) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        KafkaData.produceTo(BROKER, topic, 1, "b1");
        KafkaData.produceTo(BROKER, topic, 2, "c1", "c2");
        await(q, "the new partitions are read", () -> values("grow").size() >= 4);
        q.processAllAvailable();
        assertThat(values("grow")).containsExactlyInAnyOrder("a1", "b1", "c1", "c2");
        assertThat(lastOffsetsEntry(tmp.resolve("grow"))).contains("{\"" + topic + "\":{\"0\":1,\"1\":1,\"2\":2}}");
    }

    private static String lastOffsetsEntry(Path ckpt) throws Exception {
        try (var files = Files.list(ckpt.resolve("offsets"))) {
            Path last = files.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingLong(
                            p -> Long.parseLong(p.getFileName().toString())))
                    .orElseThrow();
            return Files.readString(last);
        }
    }

    @Test
    void when_aTopicMatchingThePatternAppears_then_itIsReadFromEarliest() throws Exception {
        BROKER.createTopic("disc-a", 1);
        KafkaData.produce(BROKER, "disc-a", "a1");
        StreamingQuery q = start("subscribePattern", "disc-.*", "disc", Map.of());
        q.processAllAvailable();
        assertThat(values("disc")).containsExactly("a1");
        BROKER.createTopic("disc-b", 1);
        KafkaData.produce(BROKER, "disc-b", "b1", "b2");
        await(q, "the new topic is read", () -> values("disc").size() >= 3);
        assertThat(values("disc")).containsExactly("a1", "b1", "b2");
    }

    @Test
    void when_thePatternMatchedNothingAtStart_then_aTopicAppearingLaterIsReadFromEarliestEvenFromLatest()
            throws Exception {
        StreamingQuery q = kafkaSource()
                .option("subscribePattern", "late-.*")
                .option("startingOffsets", "latest")
                .load()
                .select("value")
                .writeStream()
                .memory("late")
                .trigger(Trigger.processingTime(Duration.ofMillis(100)))
                .start();
        // produced before the query's next trigger can see the topic: "latest" would skip these two
        BROKER.createTopic("late-a", 1);
        KafkaData.produce(BROKER, "late-a", "x1", "x2");
        await(q, "the topic that appeared is read", () -> values("late").size() >= 2);
        q.processAllAvailable();
        assertThat(values("late")).containsExactly("x1", "x2");
    }

    @ParameterizedTest(name = "fetch = {0}")
    @ValueSource(strings = {"consumer", "raw"})
    void when_aSubscribedTopicIsDeleted_then_theQueryFailsNamingIt(String fetch) throws Exception {
        String a = "gone-a-" + fetch;
        String b = "gone-b-" + fetch;
        BROKER.createTopic(a, 1);
        BROKER.createTopic(b, 1);
        KafkaData.produce(BROKER, b, "b1");
        StreamingQuery q = start("subscribe", a + "," + b, "gone", Map.of(), fetch);
        q.processAllAvailable();
        try (Admin admin = BROKER.admin()) {
            admin.deleteTopics(List.of(b)).all().get(30, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> q.awaitTermination(60_000))
                .hasStackTraceContaining(b + "-0 no longer exists")
                .hasStackTraceContaining("failOnDataLoss");
    }

    @Test
    void when_aTopicIsDeletedAndFailOnDataLossIsFalse_then_theQueryWarnsAndGoesOn() throws Exception {
        BROKER.createTopic("lost-a", 1);
        BROKER.createTopic("lost-b", 1);
        KafkaData.produce(BROKER, "lost-b", "b1");
        StreamingQuery q = start("subscribePattern", "lost-.*", "lost", Map.of("failOnDataLoss", "false"));
        q.processAllAvailable();
        try (Admin admin = BROKER.admin()) {
            admin.deleteTopics(List.of("lost-b")).all().get(30, TimeUnit.SECONDS);
        }
        KafkaData.produce(BROKER, "lost-a", "a1");
        await(
                q,
                "the warning shows and the other topic is read",
                () -> values("lost").size() >= 2
                        && q.status().message().contains("skipped lost data: Kafka topic partition lost-b-0"));
        assertThat(values("lost")).containsExactly("b1", "a1");
        assertThat(q.isActive()).isTrue();
    }
}
