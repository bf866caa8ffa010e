package dev.eddy.streaming.internal.state;

import dev.eddy.streaming.api.data.Row;
import java.util.ArrayDeque;
import java.util.List;

/** Counts rows dropped as late and keeps a bounded sample of the latest ones (for learners to look at). */
public final class LateRows {
    /** One dropped row with why it was dropped. */
    public record Dropped(long batchId, Row row, long windowEndMicros, long watermarkMicros) {}

    private final int capacity;
    private final ArrayDeque<Dropped> sample = new ArrayDeque<>();
    private long total;

    public LateRows(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(Dropped d) {
        total++;
        if (sample.size() == capacity) {
            sample.removeFirst();
        }
        sample.addLast(d);
    }

    public synchronized long total() {
        return total;
    }

    public synchronized List<Dropped> sample() {
        return List.copyOf(sample);
    }
}
