package dev.eddy.streaming.internal.source.kafka;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that decodes every fetcher's polls, in the order they arrive, into the reader's {@link
 * KafkaDecodedRows}, for the source's life. Polls a seek made stale are dropped; a decode that fails fails every
 * fetcher (the rows may end in a half-written row), so each starts over in the next batch. Started when a batch first
 * needs it; the fetch threads hand polls over through {@link #polls}, a short queue, so fetching waits when decoding
 * falls behind.
 */
final class KafkaDecodeThread {
    private static final int HANDOFF = 4;

    private final Object lock;
    private final KafkaDecodedRows rows;
    private final List<KafkaFetcher> fetchers;
    private final ThreadFactory factory;
    /** Polls on their way from the fetch threads to the decode thread. */
    private final BlockingQueue<KafkaFetcher.Polled> polls = new ArrayBlockingQueue<>(HANDOFF);

    private ThreadPoolExecutor pool;

    /**
     * @param lock       the reader's lock: decoding holds it, and notifies it after each poll
     * @param fetchers   the reader's fetchers (all fail when a decode fails)
     * @param factory    makes the thread (named, daemon)
     */
    KafkaDecodeThread(Object lock, KafkaDecodedRows rows, List<KafkaFetcher> fetchers, ThreadFactory factory) {
        this.lock = lock;
        this.rows = rows;
        this.fetchers = fetchers;
        this.factory = factory;
    }

    /** Where the fetch threads put their polls. */
    BlockingQueue<KafkaFetcher.Polled> polls() {
        return polls;
    }

    /** Starts the thread unless it runs already. */
    void start() {
        if (pool == null) {
            pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
            pool.submit(this::loop);
        }
    }

    private void loop() {
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
                    rows.add(f, p);
                    f.delivered(p.positions());
                } catch (Throwable t) {
                    // the decoded rows may end in a half-written row: every fetcher fails and seeks again
                    rows.clear();
                    fetchers.forEach(x -> x.failNow(t));
                }
                lock.notifyAll();
            }
        }
    }

    /** Ends the thread (after the fetch threads: nothing comes any more). */
    void close() {
        KafkaBatchReader.shutdown(pool);
    }
}
