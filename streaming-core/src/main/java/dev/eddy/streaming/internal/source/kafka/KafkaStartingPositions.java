package dev.eddy.streaming.internal.source.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a new query starts, asked of the broker: per partition there is at start, the offset option
 * {@code startingOffsets} names (earliest, latest or a given offset), or Spark's timestamp start
 * ({@code startingOffsetsByTimestamp}, {@code startingTimestamp}).
 */
final class KafkaStartingPositions {
    private KafkaStartingPositions() {}

    /** The starting positions of the partitions there are now (throws the consumer's timeout when it cannot ask). */
    static KafkaOffset resolve(KafkaConsumer<?, ?> consumer, KafkaSourceOptions options) {
        List<TopicPartition> parts = new ArrayList<>(KafkaPartitions.atStart(consumer, options));
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts, options.timeout());
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, options.timeout());
        Map<TopicPartition, Long> out = new HashMap<>();
        if (options.start() != null) {
            out.putAll(byTimestamp(consumer, options, parts, end));
        } else {
            for (TopicPartition tp : parts) {
                long wanted = options.startingOffsets().getOrDefault(tp, options.startLatest() ? -1L : -2L);
                out.put(tp, wanted == -2 ? begin.get(tp) : wanted == -1 ? end.get(tp) : wanted);
            }
        }
        return new KafkaOffset(out);
    }

    /**
     * Spark's timestamp start: per partition the earliest offset whose record time is at or after the time; where
     * there is none, the latest offset (strategy latest) or an error naming the partition (strategy error).
     */
    private static Map<TopicPartition, Long> byTimestamp(
            KafkaConsumer<?, ?> consumer,
            KafkaSourceOptions options,
            List<TopicPartition> parts,
            Map<TopicPartition, Long> end) {
        KafkaSourceOptions.TimestampStart start = options.start();
        Map<TopicPartition, Long> times = new HashMap<>();
        if (start.global() >= 0) {
            parts.forEach(tp -> times.put(tp, start.global()));
        } else {
            if (!start.byPartition().keySet().equals(Set.copyOf(parts))) {
                throw new IllegalArgumentException("option 'startingOffsetsByTimestamp' must name every partition the"
                        + " query reads (as in Spark): it names "
                        + new KafkaOffset(start.byPartition()).json() + ", the query reads "
                        + parts.stream().sorted(KafkaOffset.ORDER).toList());
            }
            times.putAll(start.byPartition());
        }
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, options.timeout());
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : parts) {
            OffsetAndTimestamp at = found.get(tp);
            if (at != null) {
                out.put(tp, at.offset());
            } else if (start.latestOnMiss()) {
                out.put(tp, end.get(tp));
            } else {
                throw new IllegalArgumentException("No offset matched from request of topic-partition " + tp
                        + " and timestamp " + times.get(tp) + " (set 'startingOffsetsByTimestampStrategy' to"
                        + " 'latest' to start there at its latest offset)");
            }
        }
        return out;
    }
}
