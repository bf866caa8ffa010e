package dev.eddy.streaming.kafka;

import static dev.eddy.streaming.api.expr.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.kafka.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

/** Kafka source and sink against a real KRaft broker. */
class KafkaRoundTripIT extends KafkaFixture {
    private void produce(String topic, String... values) {
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v.substring(0, 1), v));
            }
        }
    }

    private Dataset read(String topic) {
        return read(topic, "raw");
    }

    private Dataset read(String topic, String fetch) {
        return kafka(topic).option("fetch", fetch).load();
    }

    @Test
    void when_recordsAreInATopic_then_theQueryReadsThemWithKafkaColumns() throws Exception {
        BROKER.createTopic("rt-in", 2);
        produce("rt-in", "apple", "banana", "cherry");
        StreamingQuery q = read("rt-in")
                .select("key", "value", "topic", "partition", "offset")
                .writeStream()
                .memory("rt")
                .start();
        q.processAllAvailable();
        List<Row> rows = eddy.memoryTable("rt").toRows();
        assertThat(rows).extracting(r -> r.getString("value")).containsExactlyInAnyOrder("apple", "banana", "cherry");
        assertThat(rows).allSatisfy(r -> assertThat(r.getString("topic")).isEqualTo("rt-in"));
        assertThat(rows).extracting(r -> r.getString("key")).containsExactlyInAnyOrder("a", "b", "c");
    }

    @ParameterizedTest(name = "fetch = {0}")
    @ValueSource(strings = {"consumer", "raw"})
    void when_queryWritesToKafkaAndRestarts_then_eachBatchIsInTheTopicExactlyOnce(String fetch) throws Exception {
        String in = "eo-in-" + fetch;
        String out = "eo-out-" + fetch;
        BROKER.createTopic(in, 1);
        BROKER.createTopic(out, 1);
        produce(in, "a1", "b1");
        String ckpt = tmp.resolve("ckpt").toString();
        StreamingQuery q = toKafka(read(in, fetch).select(col("value")))
                .option("topic", out)
                .checkpointLocation(ckpt)
                .start();
        q.processAllAvailable();
        q.stop();
        // forget the commit of the last batch: the restart re-runs it, and Kafka already has its transaction
        Path commits = tmp.resolve("ckpt/commits");
        long last;
        try (var s = Files.list(commits)) {
            last = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+"))
                    .mapToLong(Long::parseLong)
                    .max()
                    .orElseThrow();
        }
        Files.delete(commits.resolve(Long.toString(last)));
        produce(in, "c1");
        StreamingQuery again = toKafka(read(in, fetch).select(col("value")))
                .option("topic", out)
                .checkpointLocation(ckpt)
                .start();
        again.processAllAvailable();
        again.stop();
        assertThat(KafkaData.readCommittedAtLeast(BROKER, out, 3)).containsExactlyInAnyOrder("a1", "b1", "c1");
    }

    @Test
    void when_topicDoesNotExist_then_theQueryFailsNamingIt() {
        assertThatThrownBy(
                        () -> read("no-such-topic").writeStream().memory("none").start())
                .as("start() fails for a query that cannot start")
                .hasMessageContaining("could not start")
                .hasStackTraceContaining("no-such-topic")
                .hasStackTraceContaining("does not exist");
    }

    @Test
    void when_valuesAreMalformedJson_then_theyGoToCorruptRecordAndTheQueryGoesOn() throws Exception {
        BROKER.createTopic("json-in", 1);
        produce("json-in", "{\"user\":\"ann\",\"clicks\":3}", "x-not-json", "{\"user\":\"bob\",\"clicks\":4}");
        Dataset rows = kafka("json-in")
                .option("valueFormat", "json")
                .schema(Schema.of(Field.of("user", DataType.STRING), Field.of("clicks", DataType.LONG)))
                .load();
        StreamingQuery q = rows.writeStream().memory("decoded").start();
        q.processAllAvailable();
        List<Row> out = eddy.memoryTable("decoded").toRows();
        assertThat(out).hasSize(3);
        assertThat(out)
                .filteredOn(r -> r.get("_corrupt_record") == null)
                .extracting(r -> r.getString("user"))
                .containsExactlyInAnyOrder("ann", "bob");
        assertThat(out)
                .filteredOn(r -> r.get("_corrupt_record") != null)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getString("_corrupt_record")).isEqualTo("x-not-json");
                    assertThat(r.getLong("offset")).isEqualTo(1);
                });
    }

    @Test
    void when_peekingAtATopic_then_theNewestOrOldestRecordsComeBackDecoded() throws Exception {
        BROKER.createTopic("peek-in", 1);
        produce("peek-in", "p1", "p2", "p3", "p4");
        Table last = KafkaTopics.peek(BROKER.bootstrap(), "peek-in", 2);
        assertThat(last.stringColumn("value").asList()).containsExactly("p3", "p4");
        assertThat(last.columnNames()).contains("key", "topic", "partition", "offset", "timestamp");
        Table first = KafkaTopics.peekFromBeginning(BROKER.bootstrap(), "peek-in", 3);
        assertThat(first.stringColumn("value").asList()).containsExactly("p1", "p2", "p3");
        assertThatThrownBy(() -> KafkaTopics.peek(BROKER.bootstrap(), "no-such-topic", 1))
                .hasMessageContaining("'no-such-topic' does not exist");
    }

    @Test
    void when_subscribingByPatternWithACap_then_matchingTopicsAreReadInCappedBatchesAndLagIsReported()
            throws Exception {
        BROKER.createTopic("pat-a", 1);
        BROKER.createTopic("pat-b", 1);
        produce("pat-a", "a1", "a2", "a3", "a4");
        produce("pat-b", "b1", "b2");
        StreamingQuery q = kafkaSource()
                .option("subscribePattern", "pat-.*")
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", "2")
                .load()
                .select("value", "topic")
                .writeStream()
                .memory("pat")
                .start();
        q.processAllAvailable();
        assertThat(eddy.memoryTable("pat").toRows())
                .extracting(r -> r.getString("value"))
                .containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "b1", "b2");
        assertThat(q.recentProgress())
                .allSatisfy(p -> assertThat(p.numInputRows()).isLessThanOrEqualTo(2));
        var first = q.recentProgress().get(0).sources().get(0);
        assertThat(first.description()).contains("SubscribePattern[pat-.*]");
        assertThat(Long.parseLong(first.metrics().get("maxOffsetsBehindLatest")))
                .isPositive();
        var last = q.lastProgress().sources().get(0);
        assertThat(last.metrics())
                .containsEntry("maxOffsetsBehindLatest", "0")
                .containsEntry("offsetsBehindLatest.pat-a-0", "0");
    }
}
