package dev.eddy.streaming.api.topic;

import java.time.Duration;
import java.util.Objects;

/**
 * How a topic is laid out and how long it keeps records. A limit of 0 (or a null duration) means unlimited.
 * Retention drops the oldest records of a partition once any limit is exceeded; readers of dropped offsets
 * get an {@link OffsetOutOfRangeException}.
 */
public record TopicConfig(
        String name, int partitions, Duration retentionTime, long retentionRecords, long retentionBytes) {
    /** The most partitions a topic may have (each partition is a log with its own buffers). */
    public static final int MAX_PARTITIONS = 1024;

    public TopicConfig {
        Objects.requireNonNull(name, "topic name");
        if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "topic name '" + name + "' is not valid: use letters, digits, '.', '_' or '-'");
        }
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException(
                    "topic '" + name + "' needs from 1 to " + MAX_PARTITIONS + " partitions, got " + partitions);
        }
        if (retentionRecords < 0 || retentionBytes < 0) {
            throw new IllegalArgumentException("retention limits of topic '" + name + "' must not be negative");
        }
        if (retentionTime != null && (retentionTime.isNegative() || retentionTime.isZero())) {
            retentionTime = null;
        }
    }

    /** True if any retention limit is set. */
    public boolean hasRetention() {
        return retentionTime != null || retentionRecords > 0 || retentionBytes > 0;
    }

    public static TopicConfig of(String name, int partitions) {
        return new TopicConfig(name, partitions, null, 0, 0);
    }

    public TopicConfig withRetentionTime(Duration d) {
        return new TopicConfig(name, partitions, d, retentionRecords, retentionBytes);
    }

    /** Keeps at most this many records per partition. */
    public TopicConfig withRetentionRecords(long n) {
        return new TopicConfig(name, partitions, retentionTime, n, retentionBytes);
    }

    /** Keeps at most this many bytes of keys and values per partition. */
    public TopicConfig withRetentionBytes(long n) {
        return new TopicConfig(name, partitions, retentionTime, retentionRecords, n);
    }
}
