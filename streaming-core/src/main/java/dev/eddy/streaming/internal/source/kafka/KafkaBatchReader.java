package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.internal.retry.Backoff;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads exactly the records in [start, end) of each partition for one batch. When no record arrives for a
 * while it asks the broker what is wrong: unreachable - it reports "waiting for broker at ..." and keeps trying
 * with bounded exponential backoff until the broker is back (the range is fixed, so nothing is lost or read
 * twice); a deleted topic or partition, or records retention removed - data loss (an error, or skipped with a
 * warning under {@code failOnDataLoss=false}), never an endless wait. The consumer polls on a fetch thread of its own
 * (fetching and Kafka's record decoding) while the query thread turns the previous poll's records into rows: the
 * range is the logged one, so this changes only when records are read, never which.
 */
final class KafkaBatchReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final KafkaSourceOptions options;
    private final KafkaRowReader reader;
    private final KafkaSourceStatus status;
    private final Backoff backoff;
    private ExecutorService fetcher;

    KafkaBatchReader(
            KafkaConsumer<ByteBuffer, ByteBuffer> consumer,
            KafkaSourceOptions options,
            KafkaRowReader reader,
            KafkaSourceStatus status,
            Backoff backoff) {
        this.consumer = consumer;
        this.options = options;
        this.reader = reader;
        this.status = status;
        this.backoff = backoff;
    }

    Batch read(KafkaOffset from, KafkaOffset to, String batchLabel) {
        Map<TopicPartition, Long> pending = new HashMap<>();
        long expected = 0; // an upper bound (compaction and transaction markers leave gaps): sized once, not grown
        for (var e : to.positions().entrySet()) {
            // a partition without a start is one whose starting offset was only just resolved: nothing to read
            if (from.positions().containsKey(e.getKey()) && e.getValue() > from.position(e.getKey())) {
                pending.put(e.getKey(), e.getValue());
                expected += e.getValue() - from.position(e.getKey());
            }
        }
        BatchBuilder b = reader.builder(expected);
        if (pending.isEmpty()) {
            return b.build();
        }
        consumer.assign(pending.keySet());
        pending.keySet().forEach(tp -> consumer.seek(tp, from.position(tp)));
        // the consumer fetches and decodes Kafka's record batches on its own thread while this one turns the
        // records of the previous poll into rows; only that thread touches the consumer until the batch is read
        BlockingQueue<Object> handoff = new ArrayBlockingQueue<>(HANDOFF);
        Future<?> fetching = fetcher().submit(() -> fetch(pending, handoff, batchLabel));
        boolean complete = false; // the fetch thread said it is done (END or its error)
        try {
            while (true) {
                Object next = handoff.take();
                complete = !(next instanceof Chunk);
                if (next == END) {
                    break;
                }
                if (next instanceof Chunk c) {
                    for (ConsumerRecord<ByteBuffer, ByteBuffer> r : c.records()) {
                        if (r.offset() < c.stop()) {
                            reader.add(b, r);
                        }
                    }
                } else {
                    rethrow((Throwable) next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the query is stopping");
        } finally {
            finish(fetching, handoff, complete);
            consumer.unsubscribe();
        }
        return b.build();
    }

    private static final int HANDOFF = 16;
    private static final Object END = new Object();

    /** The records of one partition from one poll, and the offset the batch stops before. */
    private record Chunk(List<ConsumerRecord<ByteBuffer, ByteBuffer>> records, long stop) {}

    private ExecutorService fetcher() {
        if (fetcher == null) {
            fetcher = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "eddy-kafka-fetch");
                t.setDaemon(true);
                return t;
            });
        }
        return fetcher;
    }

    /** Stops the fetch thread (between batches only; the consumer itself is closed by the source). */
    void close() {
        if (fetcher != null) {
            fetcher.shutdownNow();
        }
    }

    private void fetch(Map<TopicPartition, Long> pending, BlockingQueue<Object> handoff, String batchLabel) {
        try {
            try {
                readAll(pending, handoff, batchLabel);
            } catch (WakeupException e) {
                throw new CancellationException("the query is stopping");
            }
            handoff.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the reading thread has gone: nobody waits for more
        } catch (Throwable t) {
            try {
                handoff.put(t);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until the fetch thread no longer uses the consumer. When the reading side gave up early (an error, or
     * the query is stopping) it wakes the consumer and drains the hand-off so that the thread cannot stay blocked.
     */
    private void finish(Future<?> fetching, BlockingQueue<Object> handoff, boolean complete) {
        boolean interrupted = Thread.interrupted();
        if (!complete) { // only then: a wake-up the thread does not consume would fail the next consumer call
            consumer.wakeup();
        }
        while (!fetching.isDone()) {
            handoff.clear();
            try {
                fetching.get(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // done, or not yet: the loop condition decides
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
