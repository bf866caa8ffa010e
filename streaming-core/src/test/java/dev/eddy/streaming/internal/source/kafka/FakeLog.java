package dev.eddy.streaming.internal.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The fake log {@link LogConsumer} serves: topic {@value #TOPIC}, {@value #LOG_END} records per partition, the value
 * of each "partition-offset"; offsets in it, and the offsets a batch read from it.
 */
final class FakeLog {
    static final String TOPIC = "t";
    static final int LOG_END = 100;

    private FakeLog() {}

    static TopicPartition tp(int p) {
        return new TopicPartition(TOPIC, p);
    }

    static KafkaOffset offsets(long... byPartition) {
        Map<TopicPartition, Long> m = new HashMap<>();
        for (int p = 0; p < byPartition.length; p++) {
            m.put(tp(p), byPartition[p]);
        }
        return new KafkaOffset(m);
    }

    /** Per partition, the offsets of the batch's rows in row order (values checked against their offsets). */
    static Map<Integer, List<Long>> offsetsByPartition(Batch b) {
        Map<Integer, List<Long>> seen = new HashMap<>();
        for (Row row : b) {
            int p = row.getInt("partition");
            long offset = row.getLong("offset");
            assertThat(row.getString("value")).isEqualTo(p + "-" + offset);
            assertThat(row.getString("topic")).isEqualTo(TOPIC); // written once per run of a partition's records
            seen.computeIfAbsent(p, k -> new ArrayList<>()).add(offset);
        }
        return seen;
    }

    /** Per partition, the offsets from {@code from} to {@code to}: what a batch of that range reads. */
    static Map<Integer, List<Long>> expected(KafkaOffset from, KafkaOffset to) {
        Map<Integer, List<Long>> out = new HashMap<>();
        for (var e : to.positions().entrySet()) {
            long start = from.position(e.getKey());
            for (long o = start; o < e.getValue(); o++) {
                out.computeIfAbsent(e.getKey().partition(), k -> new ArrayList<>())
                        .add(o);
            }
        }
        return out;
    }
}
