package dev.eddy.streaming.internal.log;

import dev.eddy.streaming.api.topic.Header;
import dev.eddy.streaming.api.topic.TopicConfig;
import dev.eddy.streaming.api.topic.TopicDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A topic: its config and its partitions. Chooses the partition for records that do not name one. */
public final class TopicLog {
    private final TopicConfig config;
    private final PartitionLog[] partitions;
    private final AtomicInteger roundRobin = new AtomicInteger();

    public TopicLog(TopicConfig config) {
        this.config = config;
        this.partitions = new PartitionLog[config.partitions()];
        for (int p = 0; p < partitions.length; p++) {
            partitions[p] = new PartitionLog(config.name(), p);
        }
    }

    public TopicConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public int partitionCount() {
        return partitions.length;
    }

    public PartitionLog partition(int p) {
        if (p < 0 || p >= partitions.length) {
            throw new IllegalArgumentException(
                    "topic '" + config.name() + "' has partitions 0.." + (partitions.length - 1) + ", not " + p);
        }
        return partitions[p];
    }

    /**
     * Picks a partition: the explicit one if {@code requested >= 0}, else a hash of the key (records with equal keys
     * stay in order in one partition), else round robin for null keys.
     */
    public int choosePartition(int requested, byte[] key) {
        if (requested >= 0) {
            partition(requested);
            return requested;
        }
        if (key == null) {
            return Math.floorMod(roundRobin.getAndIncrement(), partitions.length);
        }
        return Math.floorMod(fnv1a(key), partitions.length);
    }

    /** Appends and returns the offset; the caller enforces retention afterwards. */
    public long append(int partition, long timestamp, long appendTime, byte[] key, byte[] value, List<Header> headers) {
        return partition(partition).append(timestamp, appendTime, key, value, headers);
    }

    public void enforceRetention(long now) {
        for (PartitionLog p : partitions) {
            p.enforceRetention(config, now);
        }
    }

    public TopicDescription describe() {
        List<TopicDescription.PartitionInfo> infos = new ArrayList<>();
        for (PartitionLog p : partitions) {
            infos.add(
                    new TopicDescription.PartitionInfo(p.partition(), p.earliestOffset(), p.latestOffset(), p.bytes()));
        }
        return new TopicDescription(config, infos);
    }

    /** FNV-1a: cheap and well spread over short keys; not Kafka's murmur2, so partitions differ from a broker's. */
    static int fnv1a(byte[] key) {
        int h = 0x811C9DC5;
        for (byte b : key) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return h;
    }
}
