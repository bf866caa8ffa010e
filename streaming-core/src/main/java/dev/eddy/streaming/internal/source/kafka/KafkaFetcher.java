package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.internal.retry.Backoff;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>Call order: {@link #start} on the reading thread, then {@link #fetch} on a fetch thread; {@link #stop} from the
 * reading thread at any time (it wakes the consumer only while a fetch runs, and a wake-up the fetch did not consume
 * is consumed before the fetch ends, so the next batch's first call on this consumer cannot fail with it);
 * {@link #release} on the reading thread once the fetch has ended.
 */
final class KafkaFetcher {
    private static final Duration POLL = Duration.ofMillis(200);
    /** Put on the hand-off when a fetch has read all of its partitions. */
    static final Object END = new Object();

    /** The records of one partition from one poll, and the offset the batch stops before. */
    record Chunk(List<ConsumerRecord<ByteBuffer, ByteBuffer>> records, long stop) {}

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final KafkaSourceOptions options;
    private final KafkaSourceStatus status;
    private final Backoff backoff;
    private final Object lock = new Object();
    private boolean running; // guarded by lock: between start and the end of fetch
    private boolean woken; // guarded by lock: stop() woke the consumer during this fetch

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

    /** Assigns the partitions and seeks to the batch's start offsets (reading thread, before the fetch). */
    void start(Map<TopicPartition, Long> stops, KafkaOffset from) {
        consumer.assign(stops.keySet());
        consumer.resume(stops.keySet()); // paused at the end of an earlier batch: not every Consumer forgets that
        stops.keySet().forEach(tp -> consumer.seek(tp, from.position(tp)));
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

    /** Drops the assignment (reading thread, after the fetch has ended). */
    void release() {
        consumer.unsubscribe();
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
        long lastProgress = System.nanoTime();
        while (!pending.isEmpty()) {
            backoff.throwIfCancelled();
            boolean progressed = false;
            try {
                ConsumerRecords<ByteBuffer, ByteBuffer> polled = consumer.poll(POLL);
                for (TopicPartition tp : polled.partitions()) { // per partition: no TopicPartition per record
                    Long stop = pending.get(tp);
                    List<ConsumerRecord<ByteBuffer, ByteBuffer>> records = polled.records(tp);
                    if (stop != null && !records.isEmpty()) {
                        out.put(new Chunk(records, stop));
                    }
                    progressed |= !records.isEmpty();
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
            for (TopicPartition tp : new ArrayList<>(pending.keySet())) {
                if (consumer.position(tp) >= pending.get(tp)) {
                    pending.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
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
