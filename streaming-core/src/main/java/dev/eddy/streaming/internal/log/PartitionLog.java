package dev.eddy.streaming.internal.log;

import dev.eddy.streaming.api.topic.Header;
import dev.eddy.streaming.api.topic.OffsetOutOfRangeException;
import dev.eddy.streaming.api.topic.TopicConfig;
import dev.eddy.streaming.api.topic.TopicRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One partition of a topic. Appends take the partition's lock; reads never lock. A reader takes one
 * {@link View} (volatile read) and sees exactly the records published up to then: the writer fills array slots
 * first and publishes a new view afterwards, so every slot below the view's end is visible and never changes.
 * Retention moves the start offset forward and drops whole segments that fall below it.
 */
public final class PartitionLog {
    private static final int FIRST_SEGMENT = 64;
    private static final int MAX_SEGMENT = 16_384;

    /** An immutable snapshot: the segments, the first readable offset and the offset one past the last record. */
    record View(Segment[] segments, long start, long end, long bytes) {}

    private final String topic;
    private final int partition;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile View view = new View(new Segment[0], 0, 0, 0);

    PartitionLog(String topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }

    public int partition() {
        return partition;
    }

    public long earliestOffset() {
        return view.start();
    }

    /** The offset the next record will get (Kafka's log end offset). */
    public long latestOffset() {
        return view.end();
    }

    public long bytes() {
        return view.bytes();
    }

    /** Appends one record and returns its offset. */
    public long append(long timestamp, long appendTime, byte[] key, byte[] value, List<Header> headers) {
        writeLock.lock();
        try {
            View v = view;
            Segment[] segs = v.segments();
            Segment last = segs.length == 0 ? null : segs[segs.length - 1];
            if (last == null || last.isFull()) {
                int cap = last == null ? FIRST_SEGMENT : Math.min(MAX_SEGMENT, last.keys.length * 2);
                last = new Segment(v.end(), cap);
                segs = Arrays.copyOf(segs, segs.length + 1);
                segs[segs.length - 1] = last;
            }
            last.append(timestamp, appendTime, key, value, headers);
            view = new View(segs, v.start(), v.end() + 1, v.bytes() + Segment.sizeOf(key, value));
            return v.end();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Drops the oldest records while a limit of the config is exceeded: records appended at or before
     * {@code now - retentionTime}, records beyond {@code retentionRecords}, bytes beyond {@code retentionBytes}.
     */
    public void enforceRetention(TopicConfig config, long now) {
        if (!config.hasRetention()) {
            return;
        }
        writeLock.lock();
        try {
            View v = view;
            long start = v.start();
            long bytes = v.bytes();
            long cutoff = config.retentionTime() == null
                    ? Long.MIN_VALUE
                    : now - config.retentionTime().toMillis();
            while (start < v.end()) {
                Segment s = segmentFor(v.segments(), start);
                int i = (int) (start - s.baseOffset);
                boolean tooOld = s.appendTimes[i] <= cutoff;
                boolean tooMany = config.retentionRecords() > 0 && v.end() - start > config.retentionRecords();
                boolean tooBig = config.retentionBytes() > 0 && bytes > config.retentionBytes();
                if (!tooOld && !tooMany && !tooBig) {
                    break;
                }
                bytes -= Segment.sizeOf(s.keys[i], s.values[i]);
                start++;
            }
            if (start != v.start()) {
                view = new View(dropSegmentsBelow(v.segments(), start), start, v.end(), bytes);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static Segment[] dropSegmentsBelow(Segment[] segs, long start) {
        int first = 0;
        // keep the last segment even when empty-below-start so the writer can go on filling it
        while (first < segs.length - 1 && segs[first].endOffset() <= start) {
            first++;
        }
        return first == 0 ? segs : Arrays.copyOfRange(segs, first, segs.length);
    }

    /**
     * Visits records from {@code from} (inclusive) to {@code until} (exclusive, clipped to the end) and returns
     * the offset after the last visited record.
     */
    public long read(long from, long until, RecordVisitor visitor) {
        View v = view;
        if (from < v.start() || from > v.end()) {
            throw new OffsetOutOfRangeException(topic, partition, from, v.start(), v.end());
        }
        long end = Math.min(until, v.end());
        long off = from;
        Segment[] segs = v.segments();
        int si = segmentIndex(segs, off);
        while (off < end) {
            Segment s = segs[si++];
            int i = (int) (off - s.baseOffset);
            int stop = (int) Math.min(s.size, end - s.baseOffset);
            for (; i < stop; i++, off++) {
                visitor.visit(off, s.timestamps[i], s.keys[i], s.values[i], s.headers[i]);
            }
        }
        return off;
    }

    /** Reads up to {@code max} records from {@code from} as record objects (for notebooks and tests). */
    public List<TopicRecord> read(long from, int max) {
        List<TopicRecord> out = new ArrayList<>();
        read(from, from + max, (o, ts, k, val, hs) -> out.add(new TopicRecord(topic, partition, o, ts, k, val, hs)));
        return out;
    }

    private static Segment segmentFor(Segment[] segs, long offset) {
        return segs[segmentIndex(segs, offset)];
    }

    private static int segmentIndex(Segment[] segs, long offset) {
        int lo = 0;
        int hi = segs.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segs[mid].baseOffset <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
