package dev.eddy.streaming.internal.source.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions a query reads now, from one metadata request: the assigned ones that exist, every partition of
 * the subscribed topics, or of the topics matching the pattern. Asked on every trigger, so partitions added to a
 * topic, and new topics matching a pattern, are picked up while the query runs.
 */
final class KafkaPartitions {
    private KafkaPartitions() {}

    /**
     * @throws org.apache.kafka.common.errors.TimeoutException if the broker does not answer in time
     */
    static Set<TopicPartition> current(Consumer<?, ?> consumer, KafkaSourceOptions options) {
        Map<String, List<PartitionInfo>> all = consumer.listTopics(options.timeout());
        Set<TopicPartition> out = new TreeSet<>(KafkaOffset.ORDER);
        if (!options.assign().isEmpty()) {
            for (TopicPartition tp : options.assign()) {
                List<PartitionInfo> infos = all.get(tp.topic());
                if (infos != null && infos.stream().anyMatch(i -> i.partition() == tp.partition())) {
                    out.add(tp);
                }
            }
            return out;
        }
        all.forEach((topic, infos) -> {
            boolean wanted = options.pattern() != null
                    ? options.pattern().matcher(topic).matches()
                    : options.topics().contains(topic);
            if (wanted) {
                infos.forEach(i -> out.add(new TopicPartition(topic, i.partition())));
            }
        });
        return out;
    }

    /** As {@link #current}, but a subscribed topic or assigned partition that does not exist is an error. */
    static Set<TopicPartition> atStart(Consumer<?, ?> consumer, KafkaSourceOptions options) {
        Set<TopicPartition> now = current(consumer, options);
        for (String topic : options.topics()) {
            if (now.stream().noneMatch(tp -> tp.topic().equals(topic))) {
                throw new IllegalArgumentException(
                        "Kafka topic '" + topic + "' does not exist at " + options.bootstrap());
            }
        }
        for (TopicPartition tp : options.assign()) {
            if (!now.contains(tp)) {
                throw new IllegalArgumentException("Kafka topic partition " + tp + " (option 'assign') does not exist "
                        + "at " + options.bootstrap());
            }
        }
        return now;
    }
}
