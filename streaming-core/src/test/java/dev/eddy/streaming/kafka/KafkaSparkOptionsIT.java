package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spark's Kafka source options on a real broker, planned batch by batch: timestamp starts, minOffsetsPerTrigger with
 * maxTriggerDelay (on the engine clock), and mode for decoded values.
 */
class KafkaSparkOptionsIT extends KafkaFixture {
    private final String topic = "opts-" + UUID.randomUUID();
    private Source source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.stop();
        }
    }

    /** Sends values to a partition with record times firstTime, firstTime + 1000, ... (ms). */
    private void produce(int partition, long firstTime, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < values.length; i++) {
                producer.send(new ProducerRecord<>(topic, partition, firstTime + i * 1000L, null, values[i]))
                        .get();
            }
        }
    }

    private Source open(Schema schema, String... options) {
        Map<String, String> o = new HashMap<>();
        o.put("kafka.bootstrap.servers", BROKER.bootstrap());
        o.put("subscribe", topic);
        for (int i = 0; i < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        source = Providers.source("kafka")
                .createSource(new SourceContext(o, Optional.ofNullable(schema), new ManualClock(0), Optional.empty()));
        return source;
    }

    private static List<Object> values(Source s, Offset from, Offset to, String column) {
        return s.getBatch(from, to).toRows().stream().map(r -> r.get(column)).toList();
    }

    @Test
    void when_startingTimestamp_then_eachPartitionStartsAtItsFirstRecordAtOrAfterThatTime() throws Exception {
        BROKER.createTopic(topic, 2);
        produce(0, 1000, "a0", "a1", "a2"); // times 1000, 2000, 3000
        produce(1, 1500, "b0", "b1"); // 1500, 2500
        Source s = open(null, "startingTimestamp", "2000");
        Offset start = s.initialOffset();
        assertThat(start.json()).isEqualTo("{\"" + topic + "\":{\"0\":1,\"1\":1}}");
        assertThat(values(s, start, s.latestOffset(start, new TriggerContext(0, 0, false)), "value"))
                .containsExactlyInAnyOrder("a1", "a2", "b1");
    }

    @Test
    void when_startingOffsetsByTimestampFindsNoRecord_then_errorOrLatestAsTheStrategySays() throws Exception {
        BROKER.createTopic(topic, 1);
        produce(0, 1000, "a0", "a1");
        String byTime = "{\"" + topic + "\":{\"0\":5000}}"; // after every record
        assertThatThrownBy(
                        () -> open(null, "startingOffsetsByTimestamp", byTime).initialOffset())
                .hasMessageStartingWith(
                        "No offset matched from request of topic-partition " + topic + "-0 and" + " timestamp 5000");
        Source s = open(null, "startingOffsetsByTimestamp", byTime, "startingOffsetsByTimestampStrategy", "latest");
        assertThat(s.initialOffset().json()).isEqualTo("{\"" + topic + "\":{\"0\":2}}");
        assertThatThrownBy(() -> open(null, "startingOffsetsByTimestamp", "{\"" + topic + "\":{\"1\":0}}")
                        .initialOffset())
                .hasMessageContaining("must name every partition the query reads");
    }

    @Test
    void when_minOffsetsPerTrigger_then_aTriggerWithFewerRecordsWaitsUntilMaxTriggerDelayPassed() throws Exception {
        BROKER.createTopic(topic, 1);
        Source s = open(null, "startingOffsets", "earliest", "minOffsetsPerTrigger", "3", "maxTriggerDelay", "10s");
        Offset o = s.initialOffset();
        produce(0, 1000, "a", "b");
        Offset first = s.latestOffset(o, new TriggerContext(0, 1_000, false));
        assertThat(first).as("the first trigger of a run is never held back").isNotEqualTo(o);
        produce(0, 3000, "c");
        assertThat(s.latestOffset(first, new TriggerContext(1, 2_000, false)))
                .as("1 record waits, fewer than 3, 1 s after the last batch")
                .isEqualTo(first);
        produce(0, 4000, "d", "e");
        Offset third = s.latestOffset(first, new TriggerContext(1, 3_000, false));
        assertThat(values(s, first, third, "value")).containsExactly("c", "d", "e");
        produce(0, 6000, "f");
        assertThat(s.latestOffset(third, new TriggerContext(2, 12_999, false))).isEqualTo(third);
        Offset late = s.latestOffset(third, new TriggerContext(2, 13_000, false));
        assertThat(values(s, third, late, "value"))
                .as("maxTriggerDelay (10 s) after the last batch it runs with what there is")
                .containsExactly("f");
    }

    @Test
    void when_decodedValuesHaveModeDropMalformedOrFailFast_then_malformedOnesAreDroppedOrFailTheBatch()
            throws Exception {
        BROKER.createTopic(topic, 1);
        produce(0, 1000, "{\"n\":1}", "oops", "{\"n\":3}");
        Schema schema = Schema.of(Field.of("n", DataType.INT));
        Source drop = open(schema, "startingOffsets", "earliest", "valueFormat", "json", "mode", "DROPMALFORMED");
        Offset start = drop.initialOffset();
        Offset end = drop.latestOffset(start, new TriggerContext(0, 0, false));
        Batch dropped = drop.getBatch(start, end);
        assertThat(dropped.toRows()).extracting(r -> r.get("n")).containsExactly(1, 3);
        assertThat(drop.numInputRows(dropped))
                .as("numInputRows counts every record read, as Spark's Kafka source does")
                .isEqualTo(3);
        drop.stop();
        Source fail = open(schema, "startingOffsets", "earliest", "valueFormat", "json", "mode", "FAILFAST");
        Offset s2 = fail.initialOffset();
        Offset e2 = fail.latestOffset(s2, new TriggerContext(0, 0, false));
        assertThatThrownBy(() -> fail.getBatch(s2, e2))
                .hasMessageEndingWith(" partition 0 offset 1: malformed JSON record (mode FAILFAST): oops");
    }
}
