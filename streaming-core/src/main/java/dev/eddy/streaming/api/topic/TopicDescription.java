package dev.eddy.streaming.api.topic;

import java.util.List;

/** A snapshot of a topic: its config and, per partition, the earliest and latest (next to write) offsets. */
public record TopicDescription(TopicConfig config, List<PartitionInfo> partitions) {
    public TopicDescription {
        partitions = List.copyOf(partitions);
    }

    public String name() {
        return config.name();
    }

    /** Records currently kept across all partitions. */
    public long records() {
        return partitions.stream()
                .mapToLong(p -> p.latestOffset() - p.earliestOffset())
                .sum();
    }

    public record PartitionInfo(int partition, long earliestOffset, long latestOffset, long bytes) {}
}
