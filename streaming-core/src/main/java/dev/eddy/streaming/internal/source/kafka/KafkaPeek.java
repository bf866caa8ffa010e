package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.kafka.KafkaTopics;
import dev.eddy.streaming.internal.table.Tables;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import tech.tablesaw.api.Table;

/**
 * The one "first or last N records of a Kafka topic" (the {@code KafkaTopics.peek} API and {@code %kafka tail}):
 * reads the first or last n records of each partition with a short-lived consumer that joins no group and commits
 * nothing, then keeps the n oldest or newest overall, as rows of the Kafka source's raw schema.
 */
public final class KafkaPeek {
    private KafkaPeek() {}

    /** Every call waits at most {@code timeout} for the broker, per request and for the records. */
    public static Table read(String bootstrap, String topic, int n, boolean fromBeginning, Duration timeout) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        try (KafkaConsumer<ByteBuffer, ByteBuffer> c = new KafkaConsumer<>(p)) {
            var infos = c.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new KafkaTopics.NoSuchTopicException(topic, bootstrap);
            }
            List<TopicPartition> parts = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts, timeout);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            Map<TopicPartition, Long> stop = new HashMap<>();
            c.assign(parts);
            for (TopicPartition tp : parts) {
                long from = fromBeginning ? begin.get(tp) : Math.max(begin.get(tp), end.get(tp) - n);
                long to = fromBeginning ? Math.min(end.get(tp), begin.get(tp) + n) : end.get(tp);
                c.seek(tp, from);
                if (to > from) {
                    stop.put(tp, to);
                }
            }
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> got = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stop.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<ByteBuffer, ByteBuffer> r : c.poll(Duration.ofMillis(200))) {
                    Long s = stop.get(new TopicPartition(r.topic(), r.partition()));
                    if (s != null && r.offset() < s) {
                        got.add(r);
                    }
                }
                stop.keySet().removeIf(tp -> c.position(tp) >= stop.get(tp));
            }
            Comparator<ConsumerRecord<ByteBuffer, ByteBuffer>> order =
                    Comparator.<ConsumerRecord<ByteBuffer, ByteBuffer>>comparingLong(ConsumerRecord::timestamp)
                            .thenComparingInt(ConsumerRecord::partition)
                            .thenComparingLong(ConsumerRecord::offset);
            got.sort(order);
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> keep = fromBeginning
                    ? got.subList(0, Math.min(n, got.size()))
                    : got.subList(Math.max(0, got.size() - n), got.size());
            KafkaRowReader reader = new KafkaRowReader();
            BatchBuilder b = reader.builder(keep.size());
            keep.forEach(r -> reader.addRun(b, List.of(r), 0, 1)); // sorted by time: runs of one record
            return Tables.toTable(topic, b.build());
        }
    }
}
