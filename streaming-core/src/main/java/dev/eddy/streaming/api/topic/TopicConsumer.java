package dev.eddy.streaming.api.topic;

import dev.eddy.streaming.internal.log.TopicLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every record of a topic, partition by partition, remembering its position. Not thread-safe: one
 * consumer per reader. Records that retention dropped before they were read are skipped and counted.
 */
public final class TopicConsumer {
    private final TopicLog log;
    private final long[] positions;
    private long skipped;

    TopicConsumer(TopicLog log, boolean fromEarliest) {
        this.log = log;
        this.positions = new long[log.partitionCount()];
        for (int p = 0; p < positions.length; p++) {
            positions[p] = fromEarliest
                    ? log.partition(p).earliestOffset()
                    : log.partition(p).latestOffset();
        }
    }

    /** A consumer from the earliest offsets of an internal log (the engine's sources use this). */
    public static TopicConsumer of(TopicLog log) {
        return new TopicConsumer(log, true);
    }

    /** Up to {@code max} records, taking from each partition in turn; an empty list when caught up. */
    public List<TopicRecord> poll(int max) {
        List<TopicRecord> out = new ArrayList<>();
        for (int p = 0; p < positions.length && out.size() < max; p++) {
            List<TopicRecord> got = readSkippingDropped(p, max - out.size());
            out.addAll(got);
            positions[p] += got.size();
        }
        return out;
    }

    private List<TopicRecord> readSkippingDropped(int p, int max) {
        while (true) {
            long earliest = log.partition(p).earliestOffset();
            if (positions[p] < earliest) {
                skipped += earliest - positions[p];
                positions[p] = earliest;
            }
            try {
                return log.partition(p).read(positions[p], max);
            } catch (OffsetOutOfRangeException raced) {
                if (positions[p] >= log.partition(p).earliestOffset()) {
                    throw raced; // past the end: a bad seek, not retention
                }
            }
        }
    }

    public long position(int partition) {
        return positions[partition];
    }

    public void seek(int partition, long offset) {
        positions[partition] = offset;
    }

    /** Records lost to retention before this consumer reached them. */
    public long skippedByRetention() {
        return skipped;
    }
}
