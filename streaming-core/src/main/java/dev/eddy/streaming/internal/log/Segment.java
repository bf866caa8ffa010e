package dev.eddy.streaming.internal.log;

import dev.eddy.streaming.api.topic.Header;
import java.util.List;

/**
 * A fixed-capacity run of records stored as parallel arrays. Only the partition's writer fills slots, and only
 * slots below the partition's published end offset are ever read, so the arrays need no locking.
 */
final class Segment {
    final long baseOffset;
    final byte[][] keys;
    final byte[][] values;
    final long[] timestamps;
    final long[] appendTimes;
    final List<Header>[] headers;
    int size;

    @SuppressWarnings("unchecked")
    Segment(long baseOffset, int capacity) {
        this.baseOffset = baseOffset;
        this.keys = new byte[capacity][];
        this.values = new byte[capacity][];
        this.timestamps = new long[capacity];
        this.appendTimes = new long[capacity];
        this.headers = new List[capacity];
    }

    boolean isFull() {
        return size == keys.length;
    }

    long endOffset() {
        return baseOffset + size;
    }

    void append(long timestamp, long appendTime, byte[] key, byte[] value, List<Header> hs) {
        keys[size] = key;
        values[size] = value;
        timestamps[size] = timestamp;
        appendTimes[size] = appendTime;
        headers[size] = hs;
        size++;
    }

    static long sizeOf(byte[] key, byte[] value) {
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }
}
