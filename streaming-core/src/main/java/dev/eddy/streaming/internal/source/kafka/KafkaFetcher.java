package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.internal.retry.Backoff;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One consumer reading its group of partitions up to their logged ends for one batch, on a fetch thread of its own,
 * handing each poll's records of a partition to the reading thread in poll order (so a partition's records stay in
 * offset order). When no record arrives for a while it asks the broker what is wrong: unreachable - it reports
 * "waiting for broker at ..." and keeps trying with bounded exponential backoff until the broker is back (the range
 * is fixed, so nothing is lost or read twice); a deleted topic or partition, or records retention removed - data
 * loss (an error, or skipped with a warning under {@code failOnDataLoss=false}), never an endless wait.
 *
 * <p>Between consecutive batches the consumer stays assigned: a partition that reached its stop is not paused (until
 * {@link #CARRY_LIMIT} records are kept), so records a poll returns past a batch's stop and the consumer's pending fetch are
 * kept for the next batch instead of being dropped and fetched again. The next batch continues from there only if
 * it starts exactly where this one stopped on the same partitions; any other start (a replay after a restart, a
 * re-planned or rewound batch, a dropped read-ahead, changed partitions) seeks as before. Which records a batch
 * reads is still decided by its logged range alone.
 *
 * <p>Call order: {@link #start} on the reading thread, then {@link #fetch} on a fetch thread; {@link #stop} from the
 * reading thread at any time (it wakes the consumer only while a fetch runs, and a wake-up the fetch did not consume
 * is consumed before the fetch ends, so the next batch's first call on this consumer cannot fail with it);
 * {@link #release} on the reading thread once a fetch has failed or was stopped, or when this fetcher sits a batch
 * out (it drops the assignment and the carried records).
 */
final class KafkaFetcher {
    private static final Duration POLL = Duration.ofMillis(200);
    /** Put on the hand-off when a fetch has read all of its partitions. */
    static final Object END = new Object();

    /** The records of one partition from one poll, and the offset the batch stops before. */
    record Chunk(List<ConsumerRecord<ByteBuffer, ByteBuffer>> records, long stop) {}

    /**
     * Records past a batch's stop kept for the next batch, over all of a fetcher's partitions: once this many are
     * kept, the partitions already done are paused (so a wide topic whose partitions end far apart does not buffer a
     * long tail; at most one more poll's records come on top).
     */
    static final int CARRY_LIMIT = 20_000;

    private int carryLimit = CARRY_LIMIT;

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final KafkaSourceOptions options;
    private final KafkaSourceStatus status;
    private final Backoff backoff;
    private final Object lock = new Object();
    private boolean running; // guarded by lock: between start and the end of fetch
    private boolean woken; // guarded by lock: stop() woke the consumer during this fetch
    /**
     * Per partition, the records the consumer returned past the last batch's stop, in offset order, up to its
     * position. Written by the fetch thread before it hands over {@link #END}, read by the next {@link #start}.
     */
    private final Map<TopicPartition, Carried> carry = new HashMap<>();
    /**
     * Per partition that the last fetch completed normally, the offset it stopped before: a batch that starts there
     * continues with {@link #carry} and the consumer's position; any other start seeks.
     */
    private final Map<TopicPartition, Long> continuesAt = new HashMap<>();
    /** Batches that continued without a seek on every partition, and those that sought (tests and logs). */
    private long continued;

    private long sought;

    /** Carried records of one partition: the poll lists (or their tails) in order, and how many records. */
    private static final class Carried {
        final ArrayDeque<List<ConsumerRecord<ByteBuffer, ByteBuffer>>> lists = new ArrayDeque<>();
        int count;

        void add(List<ConsumerRecord<ByteBuffer, ByteBuffer>> records) {
            lists.add(records);
            count += records.size();
        }
    }

    KafkaFetcher(
            Consumer<ByteBuffer, ByteBuffer> consumer,
            KafkaSourceOptions options,
            KafkaSourceStatus status,
            Backoff backoff) {
        this.consumer = consumer;
        this.options = options;
        this.status = status;
        this.backoff = backoff;
    }

    /**
     * Assigns the partitions and seeks to the batch's start offsets, except where the last batch on the same
     * partitions stopped exactly there: that partition continues from the carried records and the consumer's
     * position (reading thread, before the fetch).
     */
    void start(Map<TopicPartition, Long> stops, KafkaOffset from) {
        Set<TopicPartition> parts = stops.keySet();
        if (!consumer.assignment().equals(parts)) {
            carry.clear();
            continuesAt.clear();
            consumer.assign(parts);
        }
        consumer.resume(parts); // paused when its carry was full: not every Consumer forgets that
        boolean seeks = false;
        for (TopicPartition tp : parts) {
            long at = from.position(tp);
            Long next = continuesAt.get(tp);
            if (next == null || next != at) {
                carry.remove(tp);
                consumer.seek(tp, at);
                seeks = true;
            }
        }
        continuesAt.clear(); // set again by a fetch that completes
        carry.keySet().retainAll(parts);
        if (seeks) {
            sought++;
        } else {
            continued++;
        }
        synchronized (lock) {
            running = true;
            woken = false;
        }
    }

    /**
     * Reads every partition of {@code pending} up to its stop offset and puts the chunks, then {@link #END}, on
     * {@code out}; on failure it puts the error instead. Runs on a fetch thread; only that thread uses the consumer
     * until it returns.
     */
    void fetch(Map<TopicPartition, Long> pending, BlockingQueue<Object> out, String batchLabel) {
        boolean sawWakeup = false;
        try {
            try {
                readAll(pending, out, batchLabel);
            } catch (WakeupException e) {
                sawWakeup = true;
                throw new CancellationException("the query is stopping");
            }
            out.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the reading thread has gone: nobody waits for more
        } catch (Throwable t) {
            try {
                out.put(t);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            synchronized (lock) {
                if (woken && !sawWakeup) {
                    consumeWakeup();
                }
                running = false;
            }
        }
    }

    /** Ends a running fetch soon (the reading side gave up: an error elsewhere, or the query is stopping). */
    void stop() {
        synchronized (lock) {
            if (running && !woken) {
                woken = true;
                consumer.wakeup();
            }
        }
    }

    /** Drops the assignment and the carried records (reading thread, after the fetch has ended). */
    void release() {
        carry.clear();
        continuesAt.clear();
        consumer.unsubscribe();
    }

    /** Batches this fetcher read without any seek (continuing the previous one), and with at least one. */
    long[] continuedAndSought() {
        return new long[] {continued, sought};
    }

    /** A wake-up nobody consumed would fail this consumer's next call: a call that returns nothing consumes it. */
    private void consumeWakeup() {
        try {
            consumer.pause(consumer.assignment());
            consumer.poll(Duration.ZERO);
        } catch (WakeupException e) {
            // consumed
        } catch (RuntimeException e) {
            // the fetch has failed anyway; release() and the next batch's start() set the consumer up again
        }
    }

    private void readAll(Map<TopicPartition, Long> pending, BlockingQueue<Object> out, String batchLabel)
            throws InterruptedException {
        Map<TopicPartition, Long> stops = new HashMap<>(pending);
        for (TopicPartition tp : stops.keySet()) {
            handOverCarried(tp, stops.get(tp), out);
        }
        complete(pending);
        long lastProgress = System.nanoTime();
        while (!pending.isEmpty()) {
            backoff.throwIfCancelled();
            boolean progressed = false;
            try {
                ConsumerRecords<ByteBuffer, ByteBuffer> polled = consumer.poll(POLL);
                for (TopicPartition tp : polled.partitions()) { // per partition: no TopicPartition per record
                    List<ConsumerRecord<ByteBuffer, ByteBuffer>> records = polled.records(tp);
                    if (records.isEmpty()) {
                        continue;
                    }
                    progressed = true;
                    Long stop = pending.get(tp);
                    int cut = stop == null ? 0 : firstAtOrAfter(records, stop);
                    if (cut > 0) {
                        out.put(new Chunk(records.subList(0, cut), stop));
                    }
                    if (cut < records.size() && stops.containsKey(tp)) {
                        keep(tp, records.subList(cut, records.size()));
                    }
                }
            } catch (OffsetOutOfRangeException e) {
                outOfRange(e.offsetOutOfRangePartitions(), pending);
                progressed = true;
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                throw new IllegalStateException(
                        "cannot read from Kafka at " + options.bootstrap() + ": " + e.getMessage(), e);
            }
            complete(pending);
            if (progressed) {
                lastProgress = System.nanoTime();
                status.clearWaiting();
                backoff.reset();
            } else if (!pending.isEmpty()
                    && System.nanoTime() - lastProgress > options.timeout().toNanos()) {
                probe(pending, batchLabel);
                lastProgress = System.nanoTime();
            }
        }
    }

    /** Partitions whose position reached their stop are done: the next batch may continue where they stopped. */
    private void complete(Map<TopicPartition, Long> pending) {
        for (TopicPartition tp : new ArrayList<>(pending.keySet())) {
            long stop = pending.get(tp);
            if (consumer.position(tp) >= stop) {
                pending.remove(tp);
                continuesAt.put(tp, stop);
            }
        }
        pauseDoneIfFull();
    }

    /** Once the carry is full, the partitions this batch is done with fetch nothing more. */
    private void pauseDoneIfFull() {
        if (continuesAt.isEmpty()) {
            return;
        }
        int kept = 0;
        for (Carried c : carry.values()) {
            kept += c.count;
        }
        if (kept >= carryLimit) {
            consumer.pause(List.copyOf(continuesAt.keySet()));
        }
    }

    /** Tests: a smaller bound for the carried records. */
    void carryLimit(int records) {
        carryLimit = records;
    }

    /** Hands over the carried records of {@code tp} before {@code stop}, keeping those at or after it. */
    private void handOverCarried(TopicPartition tp, long stop, BlockingQueue<Object> out) throws InterruptedException {
        Carried c = carry.remove(tp);
        if (c == null) {
            return;
        }
        while (!c.lists.isEmpty()) {
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> records = c.lists.poll();
            int cut = firstAtOrAfter(records, stop);
            if (cut > 0) {
                out.put(new Chunk(records.subList(0, cut), stop));
            }
            if (cut < records.size()) {
                keep(tp, records.subList(cut, records.size()));
                c.lists.forEach(rest -> keep(tp, rest));
                return;
            }
        }
    }

    /** Keeps records past a stop for the next batch (see {@link #CARRY_LIMIT}). */
    private void keep(TopicPartition tp, List<ConsumerRecord<ByteBuffer, ByteBuffer>> records) {
        carry.computeIfAbsent(tp, k -> new Carried()).add(records);
        pauseDoneIfFull();
    }

    /** The index of the first record at or after {@code stop} (the records are in offset order). */
    private static int firstAtOrAfter(List<ConsumerRecord<ByteBuffer, ByteBuffer>> records, long stop) {
        int n = records.size();
        if (n == 0 || records.get(n - 1).offset() < stop) {
            return n;
        }
        int lo = 0;
        int hi = n - 1; // records[hi] >= stop
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (records.get(mid).offset() < stop) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void outOfRange(Map<TopicPartition, Long> gone, Map<TopicPartition, Long> pending) {
        Map<TopicPartition, Long> earliest = consumer.beginningOffsets(gone.keySet(), options.timeout());
        for (var e : gone.entrySet()) {
            status.dataLoss("records of Kafka topic partition " + e.getKey() + " from offset " + e.getValue()
                    + " are gone (retention?); the earliest offset is now " + earliest.get(e.getKey()));
        }
        consumer.seekToBeginning(gone.keySet());
        for (TopicPartition tp : gone.keySet()) {
            if (earliest.getOrDefault(tp, Long.MAX_VALUE) >= pending.getOrDefault(tp, 0L)) {
                pending.remove(tp);
                consumer.pause(List.of(tp));
            }
        }
    }

    /** No record for a while: is the broker down, or is the data gone? */
    private void probe(Map<TopicPartition, Long> pending, String batchLabel) {
        Map<TopicPartition, Long> end;
        try {
            Set<TopicPartition> now = KafkaPartitions.current(consumer, options);
            for (TopicPartition tp : new ArrayList<>(pending.keySet())) {
                if (!now.contains(tp)) {
                    status.dataLoss("Kafka topic partition " + tp + " no longer exists at " + options.bootstrap()
                            + " (topic deleted?) but the query has not read it up to offset " + pending.get(tp));
                    pending.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
            end = consumer.endOffsets(pending.keySet(), options.timeout());
        } catch (TimeoutException e) {
            status.waiting("waiting for broker at " + options.bootstrap() + " (" + batchLabel + ", retrying in "
                    + backoff.nextMillis() + " ms)");
            backoff.pause();
            return;
        }
        for (var e : end.entrySet()) {
            Long stop = pending.get(e.getKey());
            if (stop != null && e.getValue() < stop) {
                status.dataLoss("Kafka topic partition " + e.getKey() + " now ends at offset " + e.getValue()
                        + ", before the logged offset " + stop + " (topic re-created?)");
                pending.remove(e.getKey());
                consumer.pause(List.of(e.getKey()));
            }
        }
        status.clearWaiting(); // reachable and the records exist: the fetch is only slow
    }
}
