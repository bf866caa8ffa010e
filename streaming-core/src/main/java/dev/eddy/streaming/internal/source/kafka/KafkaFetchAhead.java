package dev.eddy.streaming.internal.source.kafka;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * A fetcher's flow control: how many records its fetch thread handed to the decode thread that no batch has taken yet,
 * and, once {@link #LIMIT} of them wait, which partitions the fetch thread pauses before its next poll (those no
 * waiting batch still needs; the others are resumed). At most one more poll's records come on top of the limit.
 *
 * <p>Threads: {@link #handedOver} and {@link #pauseIdle} on the fetch thread ({@link #startRun} at the start of each of
 * its runs, as a new run's consumer was assigned afresh); {@link #took} on the decode thread; {@link #clear} and
 * {@link #limit(int)} on the reading thread while no fetch thread runs (or, for {@link #clear}, under the reader's
 * lock as the epoch changes).
 */
final class KafkaFetchAhead {
    /** Records fetched and not yet taken by a batch, over all of a fetcher's partitions, before pausing. */
    static final int LIMIT = 200_000;

    private volatile int limit = LIMIT;
    private final AtomicInteger untaken = new AtomicInteger();
    /** Fetch thread: the partitions it paused in this run. */
    private final Set<TopicPartition> paused = new HashSet<>();

    /** Tests: a smaller bound for the records fetched ahead. */
    void limit(int records) {
        limit = records;
    }

    /** The fetch thread starts a run on a freshly assigned consumer: nothing is paused. */
    void startRun() {
        paused.clear();
    }

    /** A poll's chunks went to the decode thread. */
    void handedOver(List<KafkaFetcher.Chunk> chunks) {
        int n = 0;
        for (KafkaFetcher.Chunk c : chunks) {
            n += c.raw() != null ? c.raw().records() : c.records().size();
        }
        untaken.addAndGet(n);
    }

    /** A batch took {@code records} of the decoded rows. */
    void took(int records) {
        untaken.addAndGet(-records);
    }

    /** Everything fetched was dropped (a new epoch). */
    void clear() {
        untaken.set(0);
    }

    /** Whether the limit is reached. */
    boolean full() {
        return untaken.get() >= limit;
    }

    /**
     * Before a poll: with the limit reached, pauses the partitions of {@code parts} no waiting batch needs any more
     * ({@code want}: the waiting batch's stops) and resumes the others; below it, resumes every paused one. Returns
     * whether every partition is now paused (the fetch thread then waits for a change instead of polling).
     */
    boolean pauseIdle(KafkaLink consumer, Set<TopicPartition> parts, Map<TopicPartition, Long> want) {
        Set<TopicPartition> idle = new HashSet<>();
        if (full()) {
            for (TopicPartition tp : parts) {
                Long stop = want.get(tp);
                if (stop == null || consumer.position(tp) >= stop) {
                    idle.add(tp);
                }
            }
        }
        if (!idle.equals(paused)) {
            Set<TopicPartition> resume = new HashSet<>(paused);
            resume.removeAll(idle);
            consumer.resume(resume);
            consumer.pause(idle);
            paused.clear();
            paused.addAll(idle);
        }
        return !parts.isEmpty() && idle.size() == parts.size();
    }
}
