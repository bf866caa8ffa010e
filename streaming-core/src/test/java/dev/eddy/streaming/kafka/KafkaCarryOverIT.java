package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

/**
 * The Kafka source keeps its consumer assigned across consecutive batches and carries the records it polled past a
 * batch's end into the next batch: on a real broker, with batches that end mid-log on a multi-partition topic, a
 * batch that fails and is re-planned from the offset log, a restart from the checkpoint mid-stream and partitions
 * added while the query runs, every record reaches the sink exactly once, and nothing outlives the query.
 */
class KafkaCarryOverIT extends KafkaFixture {
    private static final ObjectName CONSUMERS = name("kafka.consumer:type=app-info,*");

    /** The run's topic and its option {@code fetch}. */
    private String topic;

    private String fetch;
    /** "partition:offset:value" of every row a batch delivered (batches that failed deliver nothing). */
    private final List<String> delivered = Collections.synchronizedList(new ArrayList<>());

    private static ObjectName name(String n) {
        try {
            return new ObjectName(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A query delivering partition, offset and value; with {@code failOnce} its batch 3 fails the first time. */
    private StreamingQuery start(boolean failOnce) {
        AtomicBoolean failed = new AtomicBoolean();
        return kafka(topic)
                .option("fetch", fetch)
                .option("maxOffsetsPerTrigger", 250) // batches end mid-log: the polls run past their ends
                .load()
                .select("partition", "offset", "value")
                .writeStream()
                .foreachBatch((Table t, long batchId) -> {
                    if (failOnce && batchId == 3 && failed.compareAndSet(false, true)) {
                        throw new IllegalStateException("batch 3 fails once");
                    }
                    for (int i = 0; i < t.rowCount(); i++) {
                        delivered.add(((Number) t.column("partition").get(i)).intValue() + ":"
                                + ((Number) t.column("offset").get(i)).longValue() + ":"
                                + t.column("value").get(i));
                    }
                })
                .checkpointLocation(tmp.resolve("ckpt").toString())
                .start();
    }

    /** Appends values "p-i" for i in [from, to) to each of the partitions, and waits for every ack. */
    private void fill(int from, int to, int... partitions) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        // a retried send must not write a record twice
        try (KafkaProducer<String, String> producer =
                producer(Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"))) {
            for (int i = from; i < to; i++) {
                for (int part : partitions) {
                    sent.add(producer.send(new ProducerRecord<>(topic, part, null, part + "-" + i)));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> expected(int partitions, int perPartition) {
        List<String> out = new ArrayList<>();
        for (int part = 0; part < partitions; part++) {
            for (int i = 0; i < perPartition; i++) {
                out.add(part + ":" + i + ":" + part + "-" + i);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "fetch = {0}")
    @ValueSource(strings = {"consumer", "raw"})
    void when_batchesEndMidLogFailRestartAndGainPartitions_then_everyRecordIsDeliveredOnceAndNothingOutlivesTheQuery(
            String fetch) throws Exception {
        this.fetch = fetch;
        this.topic = "carry-in-" + fetch;
        int consumersBefore = consumers();
        BROKER.createTopic(topic, 3);
        fill(0, 600, 0, 1, 2);

        StreamingQuery failing = start(true);
        assertThatThrownBy(() -> failing.awaitTermination(TimeUnit.SECONDS.toMillis(120)))
                .isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("failed in batch 3")
                .hasMessageContaining("batch 3 fails once");

        StreamingQuery resumed = start(false); // re-plans batch 3 from the offset log, then goes on
        resumed.processAllAvailable();
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(expected(3, 600));

        fill(600, 900, 0, 1, 2);
        try (Admin admin = BROKER.admin()) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        fill(0, 200, 3);
        await(resumed, "the added partition is read", () -> delivered.size() >= 3 * 900 + 200);
        resumed.processAllAvailable();
        resumed.stop();

        fill(900, 1000, 0, 1, 2);
        fill(200, 300, 3);
        StreamingQuery restarted = start(false); // from the checkpoint, mid-stream
        restarted.processAllAvailable();
        restarted.stop();

        List<String> all = new ArrayList<>(expected(3, 1000));
        for (int i = 0; i < 300; i++) {
            all.add("3:" + i + ":3-" + i);
        }
        assertThat(delivered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((!fetchThreads().isEmpty() || consumers() > consumersBefore) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(fetchThreads()).as("fetch threads after stop").isEmpty();
        assertThat(consumers()).as("open Kafka consumers after stop").isEqualTo(consumersBefore);
    }

    private static int consumers() {
        return ManagementFactory.getPlatformMBeanServer()
                .queryNames(CONSUMERS, null)
                .size();
    }

    private static List<Thread> fetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("eddy-kafka-fetch") && t.isAlive())
                .toList();
    }
}
