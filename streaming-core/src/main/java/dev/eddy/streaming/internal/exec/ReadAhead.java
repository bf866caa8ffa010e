package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads the next micro-batch's input while the query thread runs the current batch's operators, sink and commit.
 *
 * <p>Call order (query thread): {@link #begin} right after batch N's input is read, with the offsets batch N ends
 * at; {@link #take} before batch N+1 is planned (it waits for the read-ahead, so a source's {@code latestOffset}
 * and {@code getBatch} are never called from two threads at once); {@link #close} when the query ends. On the
 * read-ahead thread every {@link Source#supportsReadAhead() willing} source is asked for its latest offset from
 * where batch N ends and, if it has data, reads that range. The executor uses a read range only if batch N+1's
 * logged range for that source is exactly the same; anything else is dropped. So the offset log still decides
 * every batch: a crash or a failure in the read-ahead loses nothing, it only costs the read.
 *
 * <p>Bounded: at most one batch ahead (one task at a time). The thread ends after two idle seconds and is
 * started again when needed, so an idle query holds no extra thread. {@link #cancel} may be called from any
 * thread (the query is stopping); {@link #close} waits for the thread to end before the sources are stopped.
 */
final class ReadAhead {
    /** A range one source read ahead. */
    record Range(Offset start, Offset end, Batch batch) {
        boolean covers(Offset from, Offset to) {
            return start.equals(from) && end.equals(to);
        }
    }

    private final ThreadPoolExecutor thread;
    private Future<Range[]> pending;
    private volatile boolean cancelled;
    /** The thread started last (an earlier one has ended: the pool holds at most one). */
    private volatile Thread last;

    ReadAhead(String queryName) {
        this.thread = new ThreadPoolExecutor(1, 1, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "eddy-readahead-" + queryName);
            t.setDaemon(true);
            last = t;
            return t;
        });
        this.thread.allowCoreThreadTimeOut(true);
    }

    /** True if any of these sources takes part. */
    static boolean anyWilling(Source[] sources) {
        for (Source s : sources) {
            if (s.supportsReadAhead()) {
                return true;
            }
        }
        return false;
    }

    /** Starts reading what follows {@code from} for every willing source. Query thread; nothing may be pending. */
    void begin(Source[] sources, Offset[] from, TriggerContext next) {
        if (pending != null) {
            throw new IllegalStateException("a read-ahead is still pending");
        }
        if (cancelled) {
            return;
        }
        Source[] srcs = sources.clone();
        Offset[] starts = from.clone();
        pending = thread.submit(() -> read(srcs, starts, next));
    }

    private Range[] read(Source[] sources, Offset[] from, TriggerContext next) {
        Range[] out = new Range[sources.length];
        for (int i = 0; i < sources.length && !cancelled; i++) {
            if (!sources[i].supportsReadAhead()) {
                continue;
            }
            Offset end = sources[i].latestOffset(from[i], next);
            if (!end.equals(from[i]) && !cancelled) {
                out[i] = new Range(from[i], end, sources[i].getBatch(from[i], end));
            }
        }
        return out;
    }

    /**
     * Waits for the pending read-ahead and returns its ranges (an entry per source, null where nothing was read),
     * or null if none was pending or it failed (the batch then reads its input itself, and meets the error again
     * in the batch whose range the log fixed).
     *
     * @throws CancellationException if the query is stopping or the query thread was interrupted
     */
    Range[] take() {
        Future<Range[]> f = pending;
        pending = null;
        if (f == null) {
            return null;
        }
        try {
            Range[] r = f.get();
            if (cancelled) {
                throw new CancellationException("the query is stopping");
            }
            return r;
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new CancellationException("the query thread was interrupted");
        } catch (ExecutionException | CancellationException e) {
            if (cancelled) {
                throw new CancellationException("the query is stopping");
            }
            return null;
        }
    }

    /** Stops the read-ahead: the query is stopping. Any thread; never throws. */
    void cancel() {
        cancelled = true;
        Future<Range[]> f = pending;
        if (f != null) {
            f.cancel(true);
        }
        thread.shutdownNow();
    }

    /**
     * Cancels and waits for the thread to end (the sources are stopped after this). Query thread.
     *
     * @param wakeSources called if the thread is still busy after a short wait (e.g. a source waiting for a broker)
     * @return true if the thread ended
     */
    boolean close(Runnable wakeSources) {
        cancel();
        boolean interrupted = false;
        boolean ended = false;
        try {
            ended = thread.awaitTermination(200, TimeUnit.MILLISECONDS);
            if (!ended) {
                wakeSources.run();
                ended = thread.awaitTermination(10, TimeUnit.SECONDS);
            }
            Thread t = last;
            if (ended && t != null) {
                t.join(1000); // the pool is terminated once its worker leaves its loop; the thread ends right after
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ended;
    }
}
