package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.Row;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Option {@code fetch = raw} (Eddy's own Fetch requests, record batches read in place) against the real broker, on
 * what the consumer path never had to handle itself: every compression codec, transactions with aborts
 * (read_committed and read_uncommitted), batches cut at a response's end, headers and keys. Each case reads the same
 * topic with {@code fetch = consumer} too: both must give the same rows, column for column.
 */
class KafkaRawFetchIT extends KafkaFixture {
    private static final AtomicInteger QUERIES = new AtomicInteger();

    /** A producer that sends batches of many records, with {@code settings} over that. */
    private static KafkaProducer<String, String> lingering(Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(Map.of(ProducerConfig.LINGER_MS_CONFIG, "20"));
        s.putAll(settings);
        return producer(s);
    }

    /** {@code n} records with keys (every third one null), a header on every other one, values of ~60 bytes. */
    private static void send(KafkaProducer<String, String> producer, String topic, String tag, int n) {
        for (int i = 0; i < n; i++) {
            ProducerRecord<String, String> r = new ProducerRecord<>(
                    topic,
                    i % 3 == 0 ? null : "k" + i,
                    "{\"tag\":\"" + tag + "\",\"i\":" + i + ",\"pad\":\"é-0123456789\"}");
            if (i % 2 == 0) {
                r.headers().add(new RecordHeader("h", ("v" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.send(r);
        }
        producer.flush();
    }

    /** Every row of the topic read with {@code fetch}, all columns, in (partition, offset) order. */
    private List<String> read(String topic, String fetch, Map<String, String> extra) throws Exception {
        String name = "raw" + QUERIES.incrementAndGet();
        var reader = kafka(topic).option("fetch", fetch);
        for (var e : extra.entrySet()) {
            reader = reader.option(e.getKey(), e.getValue());
        }
        StreamingQuery q = reader.load().writeStream().memory(name).start();
        q.processAllAvailable();
        q.stop();
        List<String> out = new ArrayList<>();
        for (Row r : eddy.memoryTable(name).toRows()) {
            out.add(r.get("partition") + "/" + r.get("offset") + " key=" + r.get("key") + " value=" + r.get("value")
                    + " ts=" + r.get("timestamp") + " headers=" + r.get("headers") + " topic=" + r.get("topic"));
        }
        out.sort(null);
        return out;
    }

    private void assertSameRowsBothWays(String topic, Map<String, String> extra, int expectedRows) throws Exception {
        List<String> raw = read(topic, "raw", extra);
        List<String> consumer = read(topic, "consumer", extra);
        assertThat(raw).hasSize(expectedRows).isEqualTo(consumer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void when_batchesAreCompressed_then_rawFetchReadsTheSameRowsAsTheConsumer(String codec) throws Exception {
        String topic = "rawcodec-" + codec;
        BROKER.createTopic(topic, 1);
        try (var p = lingering(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec))) {
            send(p, topic, codec, 500);
        }
        assertSameRowsBothWays(topic, Map.of(), 500);
    }

    @Test
    void when_transactionsAbort_then_rawFetchSkipsTheAbortedRecordsAndTheMarkersUnderReadCommitted() throws Exception {
        String topic = "rawtxn";
        BROKER.createTopic(topic, 2);
        try (var plain = lingering(Map.of());
                var tx = lingering(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eddy-raw-it"))) {
            tx.initTransactions();
            tx.beginTransaction();
            send(tx, topic, "committed1", 40);
            tx.commitTransaction();
            tx.beginTransaction();
            send(tx, topic, "aborted", 40);
            send(plain, topic, "plain", 30); // between the aborted transaction's records and its marker
            tx.abortTransaction();
            tx.beginTransaction();
            send(tx, topic, "committed2", 40);
            tx.commitTransaction();
        }
        List<String> committed = read(topic, "raw", Map.of());
        assertThat(committed).hasSize(110).noneMatch(r -> r.contains("aborted"));
        assertThat(committed).isEqualTo(read(topic, "consumer", Map.of()));
        // read_uncommitted: the aborted records too, the markers never
        Map<String, String> uncommitted = Map.of("kafka.isolation.level", "read_uncommitted");
        assertSameRowsBothWays(topic, uncommitted, 150);
    }

    @Test
    void when_responsesCutBatchesInTwo_then_rawFetchReadsEachBatchWholeFromItsStart() throws Exception {
        String topic = "rawcut";
        BROKER.createTopic(topic, 1);
        try (var p = lingering(Map.of(ProducerConfig.BATCH_SIZE_CONFIG, "2000"))) {
            send(p, topic, "cut", 600);
        }
        // a partition fetch of 2500 bytes ends inside the second batch of ~2000 bytes almost every time
        Map<String, String> small = Map.of("kafka.max.partition.fetch.bytes", "2500", "kafka.fetch.max.bytes", "2500");
        assertSameRowsBothWays(topic, small, 600);
    }

    @Test
    void when_fetchOptionIsUnknown_then_theQueryIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> kafkaSource()
                        .option("subscribe", "whatever")
                        .option("fetch", "fast")
                        .load()
                        .writeStream()
                        .memory("nope")
                        .start())
                .hasMessageContaining("option 'fetch' must be raw")
                .hasMessageContaining("'fast'");
    }
}
