package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.internal.retry.Backoff;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads exactly the records in [start, end) of each partition for one batch, through a pipeline that runs between
 * batches too. The partitions are spread over up to {@code maxFetchers} consumers (assigned, no consumer group); each
 * polls continuously on a fetch thread of its own (fetching and Kafka's record decoding, see {@link KafkaFetcher}),
 * bounded by the records no batch has taken yet; one decode thread turns every poll's records into columnar segments
 * (the value's JSON or CSV decoded into the columns the query reads: {@link KafkaDecodeThread} into {@link
 * KafkaDecodedRows}); a batch only takes the segments of its range and copies them into one batch. So the thread that asks for a batch (the query's, at an interval trigger) neither
 * fetches nor decodes. A partition is read by one consumer only, so its records keep their offset order; the range is
 * the logged one, so the pipeline changes only when records are read, never which. If one fetcher fails, the batch
 * fails with that error and every fetcher it used starts over (seeks) in the next batch; when the reading thread is
 * interrupted or the query stops, every fetcher is stopped before {@link #read} returns. A batch that starts where the
 * last one ended continues the pipeline (nothing is fetched twice); any other start seeks.
 */
final class KafkaBatchReader {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final KafkaSourceOptions options;
    private final KafkaRowReader reader;
    private final KafkaSourceStatus status;
    private final Backoff backoff;
    private final Supplier<KafkaLink> newLink;
    private final int maxFetchers;
    /** Guards every fetcher's fetched segments and the decoded rows; notified when they change. */
    private final Object lock = new Object();
    /** Fetcher 0 uses the consumer given to the constructor; the others are made when a batch first needs them. */
    private final List<KafkaFetcher> fetchers = new ArrayList<>();
    /** Every link in use, the given one first (read by {@link #wakeup} from any thread). */
    private final List<KafkaLink> links = new CopyOnWriteArrayList<>();
    /** Guarded by lock (the decode thread adds, the reading thread takes). */
    private final KafkaDecodedRows decoded;

    private final KafkaDecodeThread decoder;
    private ThreadPoolExecutor threads;
    private int carryLimit = KafkaFetchAhead.LIMIT;

    /** Through {@code KafkaConsumer}s: fetcher 0 uses {@code consumer}, the others {@code newConsumer}'s. */
    KafkaBatchReader(
            Consumer<ByteBuffer, ByteBuffer> consumer,
            Supplier<Consumer<ByteBuffer, ByteBuffer>> newConsumer,
            int maxFetchers,
            KafkaSourceOptions options,
            KafkaRowReader reader,
            KafkaSourceStatus status,
            Backoff backoff) {
        this(
                new KafkaLink.ConsumerLink(consumer),
                () -> new KafkaLink.ConsumerLink(newConsumer.get()),
                maxFetchers,
                options,
                reader,
                status,
                backoff);
    }

    /**
     * @param link        fetcher 0's link (its owner closes it)
     * @param newLink     makes another link with the source's settings (closed by {@link #close})
     * @param maxFetchers how many links may read one batch in parallel (at most one per partition)
     */
    KafkaBatchReader(
            KafkaLink link,
            Supplier<KafkaLink> newLink,
            int maxFetchers,
            KafkaSourceOptions options,
            KafkaRowReader reader,
            KafkaSourceStatus status,
            Backoff backoff) {
        this.options = options;
        this.reader = reader;
        this.status = status;
        this.backoff = backoff;
        this.newLink = newLink;
        this.maxFetchers = Math.max(1, maxFetchers);
        links.add(link);
        fetchers.add(new KafkaFetcher(link, options, status, backoff, lock));
        this.decoded = new KafkaDecodedRows(reader);
        this.decoder = new KafkaDecodeThread(lock, decoded, fetchers, daemon("eddy-kafka-decode-"));
    }

    Batch read(KafkaOffset from, KafkaOffset to, String batchLabel) {
        Map<TopicPartition, Long> pending = new HashMap<>();
        Map<TopicPartition, Long> sizes = new HashMap<>();
        long expected = 0; // an upper bound (compaction and transaction markers leave gaps)
        for (var e : to.positions().entrySet()) {
            // a partition without a start is one whose starting offset was only just resolved: nothing to read
            if (from.positions().containsKey(e.getKey()) && e.getValue() > from.position(e.getKey())) {
                pending.put(e.getKey(), e.getValue());
                sizes.put(e.getKey(), e.getValue() - from.position(e.getKey()));
                expected += e.getValue() - from.position(e.getKey());
            }
        }
        if (pending.isEmpty()) {
            return reader.builder(expected).build();
        }
        List<Map<TopicPartition, Long>> groups =
                KafkaFetchGroups.of(pending, sizes, Math.min(maxFetchers, pending.size()));
        Batch out;
        boolean complete = false;
        try {
            decoder.start();
            synchronized (lock) {
                decoded.expect(expected);
            }
            for (int i = 0; i < groups.size(); i++) {
                fetcher(i).request(groups.get(i), from, batchLabel, threads(), decoder.polls());
            }
            out = take(groups.size());
            complete = true;
        } finally {
            // a batch that completed leaves its fetchers running, so the next batch continues where it stopped; a
            // failed or stopped one, and a fetcher this batch did not use, drop their assignments and what they fetched
            boolean interrupted = Thread.interrupted();
            for (int i = complete ? groups.size() : 0; i < fetchers.size(); i++) {
                fetchers.get(i).release();
            }
            if (!complete) {
                synchronized (lock) { // every fetcher was set up again: nothing decoded is live
                    decoded.clear();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return out;
    }

    /** Waits until the first {@code used} fetchers have delivered their ranges, then takes the batch's rows. */
    private Batch take(int used) {
        synchronized (lock) {
            while (true) {
                boolean all = true;
                for (int i = 0; i < used; i++) {
                    all &= fetchers.get(i).complete(); // throws a fetcher's failure
                }
                if (all) {
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("the query is stopping");
                }
            }
            Batch out = decoded.cut();
            for (int i = 0; i < used; i++) {
                fetchers.get(i).taken();
            }
            return out;
        }
    }

    private KafkaFetcher fetcher(int i) {
        while (fetchers.size() <= i) {
            KafkaLink c = newLink.get();
            links.add(c);
            KafkaFetcher f = new KafkaFetcher(c, options, status, backoff, lock);
            f.carryLimit(carryLimit);
            fetchers.add(f);
        }
        return fetchers.get(i);
    }

    private ThreadPoolExecutor threads() {
        if (threads == null) {
            // one thread per fetcher, made when first needed; they stay for the source's life (close ends them)
            threads = new ThreadPoolExecutor(
                    maxFetchers,
                    maxFetchers,
                    0,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    daemon("eddy-kafka-fetch-"));
        }
        return threads;
    }

    /** Daemon threads named {@code prefix} and a number unique in the JVM. */
    private static ThreadFactory daemon(String prefix) {
        return r -> {
            Thread t = new Thread(r, prefix + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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

    /** Rows decoded and not taken yet (tests). */
    int decodedAhead() {
        synchronized (lock) {
            return decoded.numRows();
        }
    }

    /** Batches that were the decoded columns as they were, and batches whose rows were gathered out (tests). */
    long[] wholeAndGathered() {
        synchronized (lock) {
            return decoded.wholeAndGathered();
        }
    }

    /** Wakes every consumer (any thread: the query is stopping). */
    void wakeup() {
        links.forEach(KafkaLink::wakeup);
    }

    /**
     * Ends the fetch threads and closes the consumers this reader made (between batches only; the source closes its
     * own consumer).
     */
    void close() {
        fetchers.forEach(KafkaFetcher::stopTask);
        shutdown(threads);
        decoder.close();
        for (KafkaLink c : links.subList(1, links.size())) {
            try {
                c.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                // closing must not throw
            }
        }
    }

    /** Interrupts a pool's threads and waits up to 5 s for them to end (nothing when it never started). */
    static void shutdown(ThreadPoolExecutor pool) {
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
