package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads exactly the records in [start, end) of each partition for one batch, through a pipeline that runs between
 * batches too. The partitions are spread over up to {@code maxFetchers} consumers (assigned, no consumer group); each
 * polls continuously on a fetch thread of its own (fetching and Kafka's record decoding, see {@link KafkaFetcher}),
 * bounded by the records no batch has taken yet; one decode thread turns every poll's records into columnar segments
 * (the value's JSON or CSV decoded into the columns the query reads); a batch only takes the segments of its range
 * and copies them into one batch. So the thread that asks for a batch (the query's, at an interval trigger) neither
 * fetches nor decodes. A partition is read by one consumer only, so its records keep their offset order; the range is
 * the logged one, so the pipeline changes only when records are read, never which. If one fetcher fails, the batch
 * fails with that error and every fetcher it used starts over (seeks) in the next batch; when the reading thread is
 * interrupted or the query stops, every fetcher is stopped before {@link #read} returns. A batch that starts where the
 * last one ended continues the pipeline (nothing is fetched twice); any other start seeks.
 */
final class KafkaBatchReader {
    private static final int HANDOFF = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final KafkaSourceOptions options;
    private final KafkaRowReader reader;
    private final KafkaSourceStatus status;
    private final Backoff backoff;
    private final Supplier<KafkaLink> newLink;
    private final int maxFetchers;
    /** Guards every fetcher's fetched segments; notified when they change. */
    private final Object lock = new Object();
    /** Fetcher 0 uses the consumer given to the constructor; the others are made when a batch first needs them. */
    private final List<KafkaFetcher> fetchers = new ArrayList<>();
    /** Every link in use, the given one first (read by {@link #wakeup} from any thread). */
    private final List<KafkaLink> links = new CopyOnWriteArrayList<>();
    /** The decode thread's reader of raw fetches, and the offsets of the rows it decoded last. */
    private final KafkaRawRecords.Cursor cursor = new KafkaRawRecords.Cursor();

    private final KafkaRowReader.OffsetList offsets = new KafkaRowReader.OffsetList();
    /** Polls on their way from the fetch threads to the decode thread. */
    private final BlockingQueue<KafkaFetcher.Polled> polls = new ArrayBlockingQueue<>(HANDOFF);

    private ThreadPoolExecutor threads;
    private ThreadPoolExecutor decoder;
    private int carryLimit = KafkaFetcher.AHEAD_LIMIT;

    // guarded by lock (the decode thread appends, the reading thread takes)
    /** Decoded rows of the waiting batch (and, before a batch waits, every row decoded). */
    private KafkaDecoded current;
    /** Decoded rows after the waiting batch's stops: the next batch's. */
    private KafkaDecoded next;
    /** Rows the waiting batch expects at most (the first decoded rows make room for that many). */
    private long expectedRows;
    /** Rows of the last batch: room made for rows decoded ahead, before their batch is known. */
    private long lastRows = 4096;
    /** Batches that took the decoded columns as they were, and batches whose rows were gathered out (tests). */
    private long whole;

    private long gathered;

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
        this.current = new KafkaDecoded(reader);
        this.next = new KafkaDecoded(reader);
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
        List<Map<TopicPartition, Long>> groups = groups(pending, sizes, Math.min(maxFetchers, pending.size()));
        Batch out;
        boolean complete = false;
        try {
            decoder();
            synchronized (lock) {
                expectedRows = expected;
            }
            for (int i = 0; i < groups.size(); i++) {
                fetcher(i).request(groups.get(i), from, batchLabel, threads(), polls);
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
                    current.clear();
                    next.clear();
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
            Batch out = cut();
            for (int i = 0; i < used; i++) {
                fetchers.get(i).taken();
            }
            return out;
        }
    }

    /**
     * The waiting batch's rows: those of live runs before their fetcher's stop. When that is every row decoded for it,
     * the columns themselves; else gathered out, the rest (live, after the stops) kept in order. Holding the lock.
     */
    private Batch cut() {
        Batch out;
        long corrupt = 0;
        if (takesAll(current)) {
            whole++;
            for (KafkaDecoded.Run r : current.runs()) {
                r.fetcher().took(r.size());
            }
            corrupt = current.corruptCount();
            out = current.build(); // empty again
            KafkaDecoded was = current;
            current = next;
            next = was;
        } else {
            gathered++;
            KafkaDecoded rest = new KafkaDecoded(reader);
            List<Batch> parts = new ArrayList<>(2);
            for (KafkaDecoded d : List.of(current, next)) {
                if (d.isEmpty()) {
                    continue;
                }
                List<KafkaDecoded.Run> runs = List.copyOf(d.runs());
                int[] bad = d.corruptRows();
                Batch built = d.build();
                int[] idx = new int[built.numRows()];
                int n = 0;
                for (KafkaDecoded.Run r : runs) {
                    if (!r.live()) {
                        continue; // fetched before a seek
                    }
                    Long stop = r.fetcher().stop(r.partition());
                    int k = stop == null ? 0 : r.rowsBefore(stop);
                    for (int i = 0; i < k; i++) {
                        idx[n++] = r.from() + i;
                    }
                    for (int b : bad) {
                        if (b >= r.from() && b < r.from() + k) {
                            corrupt++;
                        }
                    }
                    r.fetcher().took(k);
                    rest.appendTail(built, bad, r, k);
                }
                if (n > 0) {
                    parts.add(built.gather(idx, n));
                }
            }
            current = rest;
            next = new KafkaDecoded(reader);
            out = parts.isEmpty() ? reader.builder(0).build() : reader.concat(parts);
        }
        reader.countCorrupt(corrupt);
        lastRows = Math.max(16, out.numRows());
        return out;
    }

    /** Whether the waiting batch takes every row of {@code d} (each run live and before its fetcher's stop). */
    private static boolean takesAll(KafkaDecoded d) {
        for (KafkaDecoded.Run r : d.runs()) {
            Long stop = r.live() ? r.fetcher().stop(r.partition()) : null;
            if (stop == null || r.rowsBefore(stop) != r.size()) {
                return false;
            }
        }
        return true;
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
                    maxFetchers, maxFetchers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "eddy-kafka-fetch-" + THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
        }
        return threads;
    }

    /** The decode thread, started when first needed: it decodes every fetcher's polls, in order, for the source's life. */
    private void decoder() {
        if (decoder == null) {
            decoder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "eddy-kafka-decode-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            decoder.submit(this::decodeLoop);
        }
    }

    private void decodeLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            KafkaFetcher.Polled p;
            try {
                p = polls.take();
            } catch (InterruptedException e) {
                return; // closing
            }
            KafkaFetcher f = p.fetcher();
            synchronized (lock) {
                if (!f.current(p.epoch())) {
                    continue; // fetched before a seek: nobody wants it
                }
                try {
                    decode(f, p);
                    f.delivered(p.positions());
                } catch (Throwable t) {
                    // the decoded rows may end in a half-written row: every fetcher fails and seeks again
                    current.clear();
                    next.clear();
                    fetchers.forEach(x -> x.failNow(t));
                }
                lock.notifyAll();
            }
        }
    }

    /**
     * One poll's records into the decoded rows: while a batch waits for a partition, its records before the stop into
     * {@link #current}, the others into {@link #next}; with no batch waiting, all into {@link #current}. Decode
     * thread, holding the lock (a batch cannot take the rows while they are being written).
     */
    private void decode(KafkaFetcher f, KafkaFetcher.Polled p) {
        for (KafkaFetcher.Chunk c : p.chunks()) {
            if (c.raw() != null) {
                decodeRaw(f, p.epoch(), c);
                continue;
            }
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> records = c.records();
            int n = records.size();
            Long stop = f.stop(c.partition());
            int k = n;
            if (stop != null && records.get(n - 1).offset() >= stop) {
                k = 0;
                while (records.get(k).offset() < stop) {
                    k++;
                }
            }
            if (k > 0) {
                current.append(f, p.epoch(), c.partition(), records, 0, k, stop != null ? expectedRows : lastRows);
            }
            if (k < n) {
                next.append(f, p.epoch(), c.partition(), records, k, n, lastRows);
            }
        }
    }

    /** A raw fetch's records of one partition, read where they lie: before the stop into {@link #current}. */
    private void decodeRaw(KafkaFetcher f, long epoch, KafkaFetcher.Chunk c) {
        cursor.reset(c.raw());
        Long stop = f.stop(c.partition());
        long cut = stop == null ? Long.MAX_VALUE : stop;
        current.appendRaw(f, epoch, c.partition(), cursor, cut, stop != null ? expectedRows : lastRows, offsets);
        next.appendRaw(f, epoch, c.partition(), cursor, Long.MAX_VALUE, lastRows, offsets);
        cursor.reset(null);
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
            return current.numRows() + next.numRows();
        }
    }

    /** Batches that were the decoded columns as they were, and batches whose rows were gathered out (tests). */
    long[] wholeAndGathered() {
        synchronized (lock) {
            return new long[] {whole, gathered};
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
        for (ThreadPoolExecutor pool : new ThreadPoolExecutor[] {threads, decoder}) {
            if (pool != null) {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (KafkaLink c : links.subList(1, links.size())) {
            try {
                c.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                // closing must not throw
            }
        }
    }
}
