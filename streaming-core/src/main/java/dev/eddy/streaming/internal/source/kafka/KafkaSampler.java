package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.internal.format.Utf8Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Values to infer a value schema from: up to n records from the query's starting offsets, spread over the
 * partitions; when the query starts at the latest offsets (nothing after them yet) the newest records instead.
 */
final class KafkaSampler {
    private KafkaSampler() {}

    static List<String> sample(KafkaSourceOptions options, int n) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(options.consumerProperties())) {
            List<TopicPartition> parts = new ArrayList<>(KafkaPartitions.atStart(c, options));
            if (parts.isEmpty()) {
                return List.of();
            }
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts, options.timeout());
            Map<TopicPartition, Long> end = c.endOffsets(parts, options.timeout());
            long perPartition = Math.max(1, (n + parts.size() - 1) / parts.size());
            Map<TopicPartition, Long> stop = new HashMap<>();
            c.assign(parts);
            for (TopicPartition tp : parts) {
                long wanted = options.startingOffsets().getOrDefault(tp, options.startLatest() ? -1L : -2L);
                long from = wanted == -2 ? begin.get(tp) : wanted == -1 ? end.get(tp) : wanted;
                from = Math.max(begin.get(tp), Math.min(from, end.get(tp)));
                if (from >= end.get(tp)) {
                    from = Math.max(begin.get(tp), end.get(tp) - perPartition);
                }
                long to = Math.min(end.get(tp), from + perPartition);
                c.seek(tp, from);
                if (to > from) {
                    stop.put(tp, to);
                }
            }
            return read(c, stop, n, options.timeout().multipliedBy(3));
        } catch (TimeoutException e) {
            throw new IllegalArgumentException("cannot infer the Kafka value schema: the broker at "
                    + options.bootstrap() + " did not answer (" + e.getMessage() + "); declare the schema with "
                    + ".schema(...) or start the broker first");
        }
    }

    private static List<String> read(
            KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> stop, int n, Duration budget) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + budget.toNanos();
        while (!stop.isEmpty() && out.size() < n && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                Long s = stop.get(new TopicPartition(r.topic(), r.partition()));
                String text = r.value() == null ? null : Utf8Text.decodeOrNull(r.value());
                if (s != null && r.offset() < s && text != null && out.size() < n) {
                    out.add(text); // a value that is not UTF-8 says nothing about the schema: it will be corrupt
                }
            }
            stop.keySet().removeIf(tp -> c.position(tp) >= stop.get(tp));
        }
        return out;
    }
}
