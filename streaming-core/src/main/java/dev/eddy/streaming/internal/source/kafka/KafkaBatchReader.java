package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.internal.retry.Backoff;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads exactly the records in [start, end) of each partition for one batch. The partitions are spread over up to
 * {@code maxFetchers} consumers (assigned, no consumer group), each polling on a fetch thread of its own (fetching
 * and Kafka's record decoding, see {@link KafkaFetcher}), while the reading thread turns the polled records into
 * rows. A partition is read by one consumer only, so its records keep their offset order; the range is the logged
 * one, so this changes only when records are read, never which. If one fetcher fails, the others are stopped and the
 * batch fails with that error; when the reading thread is interrupted or the query stops, every fetcher is stopped
 * before {@link #read} returns, so no fetch outlives its batch. A completed batch leaves its consumers assigned, with
 * what they polled past its end (see {@link KafkaFetcher}), so that the next batch, if it starts where this one
 * ended, continues without a seek and fetches nothing twice.
 */
final class KafkaBatchReader {
    private static final int HANDOFF = 16;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final KafkaSourceOptions options;
    private final KafkaRowReader reader;
    private final KafkaSourceStatus status;
    private final Backoff backoff;
    private final Supplier<Consumer<ByteBuffer, ByteBuffer>> newConsumer;
    private final int maxFetchers;
    /** Fetcher 0 uses the source's own consumer; the others are made when a batch first needs them. */
    private final List<KafkaFetcher> fetchers = new ArrayList<>();
    /** Every consumer in use, the source's first (read by {@link #wakeup} from any thread). */
    private final List<Consumer<ByteBuffer, ByteBuffer>> consumers = new CopyOnWriteArrayList<>();

    private ThreadPoolExecutor threads;
    private int carryLimit = KafkaFetcher.CARRY_LIMIT;

    /**
     * @param consumer    the source's consumer (fetcher 0; the source closes it)
     * @param newConsumer makes another consumer with the source's settings (closed by {@link #close})
     * @param maxFetchers how many consumers may read one batch in parallel (at most one per partition)
     */
    KafkaBatchReader(
            Consumer<ByteBuffer, ByteBuffer> consumer,
            Supplier<Consumer<ByteBuffer, ByteBuffer>> newConsumer,
            int maxFetchers,
            KafkaSourceOptions options,
            KafkaRowReader reader,
            KafkaSourceStatus status,
            Backoff backoff) {
        this.options = options;
        this.reader = reader;
        this.status = status;
        this.backoff = backoff;
        this.newConsumer = newConsumer;
        this.maxFetchers = Math.max(1, maxFetchers);
        consumers.add(consumer);
        fetchers.add(new KafkaFetcher(consumer, options, status, backoff));
    }

    Batch read(KafkaOffset from, KafkaOffset to, String batchLabel) {
        Map<TopicPartition, Long> pending = new HashMap<>();
        Map<TopicPartition, Long> sizes = new HashMap<>();
        long expected = 0; // an upper bound (compaction and transaction markers leave gaps): sized once, not grown
        for (var e : to.positions().entrySet()) {
            // a partition without a start is one whose starting offset was only just resolved: nothing to read
            if (from.positions().containsKey(e.getKey()) && e.getValue() > from.position(e.getKey())) {
                pending.put(e.getKey(), e.getValue());
                sizes.put(e.getKey(), e.getValue() - from.position(e.getKey()));
                expected += e.getValue() - from.position(e.getKey());
            }
        }
        BatchBuilder b = reader.builder(expected);
        if (pending.isEmpty()) {
            return b.build();
        }
        List<Map<TopicPartition, Long>> groups = groups(pending, sizes, Math.min(maxFetchers, pending.size()));
        BlockingQueue<Object> handoff = new ArrayBlockingQueue<>(HANDOFF);
        List<Future<?>> running = new ArrayList<>();
        boolean complete = false; // every fetcher said it is done
        try {
            for (int i = 0; i < groups.size(); i++) {
                KafkaFetcher f = fetcher(i);
                Map<TopicPartition, Long> group = groups.get(i);
                f.start(group, from);
                running.add(threads().submit(() -> f.fetch(group, handoff, batchLabel)));
            }
            int ended = 0;
            while (ended < groups.size()) {
                Object next = handoff.take();
                if (next == KafkaFetcher.END) {
                    ended++;
                } else if (next instanceof KafkaFetcher.Chunk c) {
                    reader.addRun(b, c.records(), c.stop());
                } else {
                    rethrow((Throwable) next);
                }
            }
            complete = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the query is stopping");
        } finally {
            finish(running.size(), running, handoff, complete);
        }
        return b.build();
    }

    /**
     * Partitions in {@code n} groups of about equal record counts (largest first, each to the lightest group), so
     * that the fetchers finish at about the same time.
     */
    static List<Map<TopicPartition, Long>> groups(
            Map<TopicPartition, Long> stops, Map<TopicPartition, Long> sizes, int n) {
        List<Map<TopicPartition, Long>> out = new ArrayList<>();
        long[] load = new long[n];
        for (int i = 0; i < n; i++) {
            out.add(new HashMap<>());
        }
        List<TopicPartition> order = new ArrayList<>(stops.keySet());
        order.sort(Comparator.comparing((TopicPartition tp) -> -sizes.get(tp)).thenComparing(KafkaOffset.ORDER));
        for (TopicPartition tp : order) {
            int lightest = 0;
            for (int i = 1; i < n; i++) {
                if (load[i] < load[lightest]) {
                    lightest = i;
                }
            }
            out.get(lightest).put(tp, stops.get(tp));
            load[lightest] += sizes.get(tp);
        }
        return out;
    }

    private KafkaFetcher fetcher(int i) {
        while (fetchers.size() <= i) {
            Consumer<ByteBuffer, ByteBuffer> c = newConsumer.get();
            consumers.add(c);
            KafkaFetcher f = new KafkaFetcher(c, options, status, backoff);
            f.carryLimit(carryLimit);
            fetchers.add(f);
        }
        return fetchers.get(i);
    }

    private ThreadPoolExecutor threads() {
        if (threads == null) {
            // one thread per fetcher, made when first needed; they stay for the source's life (close ends them)
            threads = new ThreadPoolExecutor(
                    maxFetchers, maxFetchers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "eddy-kafka-fetch-" + THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
        }
        return threads;
    }

    /**
     * Waits until no fetch thread uses a consumer any more; drops the assignments of a batch that did not complete
     * and of the fetchers it did not use. When the reading side gave up early (an error, or the query is stopping) it stops the fetchers and drains the hand-off so that no fetch
     * thread stays blocked on it.
     */
    private void finish(int used, List<Future<?>> running, BlockingQueue<Object> handoff, boolean complete) {
        boolean interrupted = Thread.interrupted();
        if (!complete) {
            for (int i = 0; i < used; i++) {
                fetchers.get(i).stop();
            }
        }
        for (Future<?> f : running) {
            while (!f.isDone()) {
                handoff.clear();
                try {
                    f.get(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    // done, or not yet: the loop condition decides
                }
            }
        }
        // a batch that completed leaves its fetchers assigned, so the next batch continues where it stopped; a
        // failed or stopped one, and a fetcher this batch did not use, drop their assignments and carried records
        for (int i = complete ? used : 0; i < fetchers.size(); i++) {
            fetchers.get(i).release();
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

    /** Tests: a smaller bound for the records each fetcher carries between batches. */
    void carryLimit(int records) {
        carryLimit = records;
        fetchers.forEach(f -> f.carryLimit(records));
    }

    /** Per fetcher: batches it continued without a seek, and batches it sought (tests). */
    List<long[]> continuedAndSought() {
        return fetchers.stream().map(KafkaFetcher::continuedAndSought).toList();
    }

    /** Wakes every consumer (any thread: the query is stopping). */
    void wakeup() {
        consumers.forEach(Consumer::wakeup);
    }

    /**
     * Ends the fetch threads and closes the consumers this reader made (between batches only; the source closes its
     * own consumer).
     */
    void close() {
        if (threads != null) {
            threads.shutdownNow();
            try {
                threads.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Consumer<ByteBuffer, ByteBuffer> c : consumers.subList(1, consumers.size())) {
            try {
                c.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                // closing must not throw
            }
        }
    }
}
