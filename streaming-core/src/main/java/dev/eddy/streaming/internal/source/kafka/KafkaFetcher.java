package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.internal.retry.Backoff;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One consumer and the fetch thread that polls it continuously, and how far its records have been decoded. The fetch
 * thread hands each poll's records (and every assigned partition's position after the poll) to the reader's decode
 * thread ({@link KafkaBatchReader}), which decodes them into the reader's rows ({@link KafkaDecoded}) and tells this
 * fetcher the positions ({@link #delivered}); a batch waits until its range is {@link #complete}.
 *
 * <p>The fetch thread does not stop at a batch's end: it goes on polling while fewer than {@link KafkaFetchAhead#LIMIT}
 * records wait untaken (then it pauses the partitions no batch is waiting for: {@link KafkaFetchAhead}), so the next batch usually finds its records
 * fetched and decoded. Which records a batch reads is still decided by its logged range alone: a batch
 * {@link #request continues} the pipeline only if it starts exactly where the last batch taken from it ended, on the
 * same partitions; any other start (a replay after a restart, a re-planned or rewound batch, a dropped read-ahead,
 * changed partitions) stops the fetch thread, drops everything fetched and seeks. When no record of a range a batch
 * waits for arrives for a while, the fetch thread asks the broker what is wrong: unreachable - it reports "waiting
 * for broker at ..." and keeps trying with bounded exponential backoff; a deleted topic or partition, or records
 * retention removed - data loss (an error, or skipped with a warning under {@code failOnDataLoss=false}).
 *
 * <p>Threads: {@link #request}, {@link #complete}, {@link #taken} and {@link #release} on the reading thread (the one that calls the
 * source's {@code getBatch}, one at a time); the poll loop on the fetch thread, which alone uses the consumer while it
 * runs (the reading thread assigns and seeks only when it has stopped it); {@link #delivered} on the decode thread.
 * Shared state is guarded by the reader's lock. A wake-up that {@link #stopTask} gave and the fetch thread did not
 * consume is consumed before it ends, so the next call on this consumer cannot fail with it.
 */
final class KafkaFetcher {
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a fetch thread with nothing to do waits before it looks again (it is woken when that changes). */
    private static final long IDLE_WAIT_MS = 100;

    /**
     * One poll's records of one partition, in offset order: the consumer's records, or (raw fetch) the record batches
     * of a response as they lie in its bytes.
     */
    record Chunk(
            TopicPartition partition,
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> records,
            KafkaRawRecords.Batches raw) {}

    /** What one poll handed over: its chunks, then every assigned partition's position after it. */
    record Polled(KafkaFetcher fetcher, long epoch, List<Chunk> chunks, Map<TopicPartition, Long> positions) {}

    private final KafkaLink consumer;
    private final KafkaSourceOptions options;
    private final KafkaSourceStatus status;
    private final Backoff backoff;
    /** Gone records, deleted partitions and an unreachable broker, told apart when no record comes. */
    private final KafkaFetchLosses losses;
    /** The reader's lock: guards the fields marked so, and is notified when they change. */
    private final Object lock;

    // guarded by lock
    /** Bumped whenever the pipeline is set up again: what was fetched before belongs to an older epoch. */
    private volatile long epoch;

    /**
     * Per partition, the consumer's position after the last poll decoded: every record before it is in the reader's
     * decoded rows.
     */
    private final Map<TopicPartition, Long> fetchedTo = new HashMap<>();
    /** Partitions the fetch thread gave up on for the waiting batch (their data is lost). */
    private final Set<TopicPartition> givenUp = new HashSet<>();
    /** Per partition, where the last batch taken ended: a batch that starts there continues without a seek. */
    private final Map<TopicPartition, Long> takenTo = new HashMap<>();

    private Throwable failure;
    /** The stops of the batch waiting for records, or empty (read by the fetch thread). */
    private volatile Map<TopicPartition, Long> wanted = Map.of();
    /** The batch {@link #wanted} is for (its label in the status). */
    private volatile String wantedBy = "";
    /** Records handed to the decode thread and not yet taken by a batch (this epoch), and the pauses they cause. */
    private final KafkaFetchAhead ahead = new KafkaFetchAhead();

    // the fetch thread's lifecycle
    private final Object state = new Object();
    private boolean running; // guarded by state: the poll loop runs
    private boolean woken; // guarded by state: stopTask() woke the consumer during this run
    private volatile boolean stopRequested;
    private Future<?> task; // reading thread
    private Set<TopicPartition> assigned = Set.of(); // reading thread: what this fetcher was set up for

    /** Batches that continued without a seek, and those that sought (tests and logs). */
    private long continued;

    private long sought;

    KafkaFetcher(
            KafkaLink consumer, KafkaSourceOptions options, KafkaSourceStatus status, Backoff backoff, Object lock) {
        this.consumer = consumer;
        this.options = options;
        this.status = status;
        this.backoff = backoff;
        this.losses = new KafkaFetchLosses(consumer, options, status, backoff);
        this.lock = lock;
    }

    /**
     * Sets this fetcher up for a batch that reads {@code stops.keySet()} from {@code from} up to {@code stops}: it
     * continues if the last batch taken from it ended exactly at {@code from} on the same partitions (and its fetch
     * thread still runs); otherwise it stops the fetch thread, drops what was fetched, assigns, seeks and starts the
     * fetch thread again. Reading thread.
     */
    void request(
            Map<TopicPartition, Long> stops,
            KafkaOffset from,
            String batchLabel,
            ExecutorService threads,
            BlockingQueue<Polled> out) {
        Set<TopicPartition> parts = stops.keySet();
        boolean continues = task != null && parts.equals(assigned);
        if (continues) {
            synchronized (lock) {
                for (TopicPartition tp : parts) {
                    Long at = takenTo.get(tp);
                    if (at == null || at != from.position(tp)) {
                        continues = false;
                        break;
                    }
                }
            }
        }
        if (continues) {
            continued++;
        } else {
            sought++;
            stopTask();
            clear();
            Map<TopicPartition, Long> at = new HashMap<>();
            for (TopicPartition tp : parts) {
                at.put(tp, from.position(tp));
            }
            consumer.startAt(at);
            assigned = Set.copyOf(parts);
            synchronized (lock) {
                for (TopicPartition tp : parts) {
                    takenTo.put(tp, from.position(tp));
                    fetchedTo.put(tp, from.position(tp));
                }
            }
        }
        synchronized (lock) { // before the fetch thread starts: its first poll's records are decoded for this batch
            wantedBy = batchLabel;
            wanted = Map.copyOf(stops);
            lock.notifyAll(); // a fetch thread that paused everything looks again
        }
        if (!continues) {
            long myEpoch = epoch;
            stopRequested = false;
            synchronized (state) {
                running = true;
                woken = false;
            }
            task = threads.submit(() -> run(myEpoch, out));
        }
    }

    /**
     * Whether every record of the requested range has been decoded (or its partition given up); throws the fetch's
     * failure. Reading thread, holding the lock.
     */
    boolean complete() {
        if (failure != null) {
            rethrow(failure);
        }
        for (var e : wanted.entrySet()) {
            TopicPartition tp = e.getKey();
            if (!givenUp.contains(tp) && fetchedTo.getOrDefault(tp, Long.MIN_VALUE) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Where the batch waiting for {@code tp} stops, or null when no batch waits for it. Holding the lock. */
    Long stop(TopicPartition tp) {
        return wanted.get(tp);
    }

    /** A batch took {@code records} of this fetcher's decoded rows (flow control). */
    void took(int records) {
        ahead.took(records);
    }

    /** The requested range is complete: the next batch continues from its stops. Reading thread, holding the lock. */
    void taken() {
        for (var e : wanted.entrySet()) {
            if (givenUp.remove(e.getKey())) {
                takenTo.remove(e.getKey()); // its data is lost: the next batch seeks
            } else {
                takenTo.put(e.getKey(), e.getValue());
            }
        }
        wanted = Map.of();
        lock.notifyAll(); // the fetch thread may fetch ahead again
    }

    /** Whether a poll of {@code epoch} is still wanted (decode thread; a stale one is dropped undecoded). */
    boolean current(long epoch) {
        return this.epoch == epoch;
    }

    /**
     * One poll of the current epoch is decoded: every assigned partition's position after it (decode thread, holding
     * the lock).
     */
    void delivered(Map<TopicPartition, Long> positions) {
        fetchedTo.putAll(positions);
    }

    /** The fetch of {@code epoch} failed: the batch waiting (or the next one that continues) fails with it. */
    void fail(long epoch, Throwable t) {
        synchronized (lock) {
            if (this.epoch == epoch && failure == null) {
                failure = t;
                lock.notifyAll();
            }
        }
    }

    /** The decoded rows were lost: the batch waiting (or the next that continues) fails, and the next one seeks. */
    void failNow(Throwable t) {
        fail(epoch, t);
    }

    /**
     * Stops the fetch thread, drops the assignment and everything fetched (reading thread: a batch failed or was
     * stopped, or this fetcher sits a batch out).
     */
    void release() {
        stopTask();
        clear();
        assigned = Set.of();
        consumer.assign(List.of());
    }

    /** Ends the fetch thread (if it runs) and waits until it no longer uses the consumer. Reading thread. */
    void stopTask() {
        Future<?> t = task;
        task = null;
        if (t == null) {
            return;
        }
        stopRequested = true;
        synchronized (state) {
            if (running && !woken) {
                woken = true;
                consumer.wakeup();
            }
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        boolean interrupted = false;
        while (!t.isDone()) {
            try {
                t.get(); // woken, told to stop and notified: it ends within a poll or a queue offer
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                // done, or not yet: the loop condition decides
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void clear() {
        synchronized (lock) {
            epoch++; // what was fetched before is dropped where it waits (its runs are no longer live)
            fetchedTo.clear();
            givenUp.clear();
            takenTo.clear();
            failure = null;
            wanted = Map.of();
            ahead.clear();
        }
    }

    /** Wakes the consumer (any thread: the query is stopping). */
    void wakeup() {
        consumer.wakeup();
    }

    /** Batches this fetcher read without any seek (continuing the previous one), and with at least one. */
    long[] continuedAndSought() {
        return new long[] {continued, sought};
    }

    /** Tests: a smaller bound for the records fetched ahead. */
    void carryLimit(int records) {
        ahead.limit(records);
    }

    // ---- the fetch thread

    private void run(long myEpoch, BlockingQueue<Polled> out) {
        boolean sawWakeup = false;
        try {
            pollLoop(myEpoch, out);
        } catch (WakeupException e) {
            sawWakeup = true;
            if (!stopRequested) {
                fail(myEpoch, new CancellationException("the query is stopping"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the reader is closing
        } catch (Throwable t) {
            fail(myEpoch, t);
        } finally {
            synchronized (state) {
                if (woken && !sawWakeup) {
                    consumeWakeup();
                }
                running = false;
            }
        }
    }

    /** A wake-up nobody consumed would fail this consumer's next call. */
    private void consumeWakeup() {
        consumer.clearWakeup();
    }

    private void pollLoop(long myEpoch, BlockingQueue<Polled> out) throws InterruptedException {
        Set<TopicPartition> parts = consumer.assignment();
        Map<TopicPartition, Long> sent = new HashMap<>();
        ahead.startRun();
        long lastProgress = System.nanoTime();
        Map<TopicPartition, Long> lastWant = null;
        while (!stopRequested) {
            backoff.throwIfCancelled();
            Map<TopicPartition, Long> want = wanted;
            if (want != lastWant) { // a batch waits from now: how long it waits without a record counts from here
                lastWant = want;
                lastProgress = System.nanoTime();
            }
            if (!throttle(parts, want)) {
                continue; // everything paused: waited for a change
            }
            boolean progressed;
            List<Chunk> chunks = new ArrayList<>();
            Map<TopicPartition, Long> gone = new HashMap<>();
            try {
                progressed = consumer.poll(POLL, chunks, gone) > 0;
                if (!gone.isEmpty()) {
                    losses.outOfRange(gone);
                    progressed = true;
                }
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                throw new IllegalStateException(
                        "cannot read from Kafka at " + options.bootstrap() + ": " + e.getMessage(), e);
            }
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition tp : parts) {
                long p = consumer.position(tp);
                if (!Long.valueOf(p).equals(sent.get(tp))) {
                    positions.put(tp, p);
                }
            }
            if (!chunks.isEmpty() || !positions.isEmpty()) {
                ahead.handedOver(chunks);
                Polled p = new Polled(this, myEpoch, chunks, positions);
                while (!out.offer(p, 50, TimeUnit.MILLISECONDS)) {
                    if (stopRequested) {
                        return;
                    }
                }
                sent.putAll(positions);
            }
            if (progressed) {
                lastProgress = System.nanoTime();
                status.clearWaiting();
                backoff.reset();
            } else if (System.nanoTime() - lastProgress > options.timeout().toNanos()) {
                String batch = wantedBy;
                Map<TopicPartition, Long> owed = owed(wanted, sent);
                if (!owed.isEmpty()) {
                    losses.probe(owed, batch, tp -> giveUp(myEpoch, tp));
                }
                lastProgress = System.nanoTime();
            }
        }
    }

    /**
     * Flow control before a poll ({@link KafkaFetchAhead#pauseIdle}). Returns false, after waiting for a change, when
     * every partition is paused.
     */
    private boolean throttle(Set<TopicPartition> parts, Map<TopicPartition, Long> want) throws InterruptedException {
        if (!ahead.pauseIdle(consumer, parts, want)) {
            return true;
        }
        synchronized (lock) {
            if (!stopRequested && ahead.full() && wanted == want) {
                lock.wait(IDLE_WAIT_MS);
            }
        }
        return false;
    }

    /** The waiting batch's partitions whose last reported position is before their stop. */
    private static Map<TopicPartition, Long> owed(Map<TopicPartition, Long> want, Map<TopicPartition, Long> sent) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (var e : want.entrySet()) {
            if (sent.getOrDefault(e.getKey(), Long.MIN_VALUE) < e.getValue()) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The waiting batch gets what there is of {@code tp}: the rest is lost (failOnDataLoss=false). */
    private void giveUp(long myEpoch, TopicPartition tp) {
        consumer.pause(List.of(tp));
        synchronized (lock) {
            if (epoch == myEpoch) {
                givenUp.add(tp);
                lock.notifyAll();
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
