package dev.eddy.streaming.internal.source.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** How a batch's partitions are spread over the fetchers that read it in parallel (see {@link KafkaBatchReader}). */
final class KafkaFetchGroups {
    private KafkaFetchGroups() {}

    /**
     * Partitions in {@code n} groups of about equal record counts (largest first, each to the lightest group), so
     * that the fetchers finish at about the same time.
     */
    static List<Map<TopicPartition, Long>> of(Map<TopicPartition, Long> stops, Map<TopicPartition, Long> sizes, int n) {
        List<Map<TopicPartition, Long>> out = new ArrayList<>();
        long[] load = new long[n];
        for (int i = 0; i < n; i++) {
            out.add(new HashMap<>());
        }
        List<TopicPartition> order = new ArrayList<>(stops.keySet());
        order.sort(Comparator.comparing((TopicPartition tp) -> -sizes.get(tp)).thenComparing(KafkaOffset.ORDER));
        for (TopicPartition tp : order) {
            int lightest = 0;
            for (int i = 1; i < n; i++) {
                if (load[i] < load[lightest]) {
                    lightest = i;
                }
            }
            out.get(lightest).put(tp, stops.get(tp));
            load[lightest] += sizes.get(tp);
        }
        return out;
    }
}
