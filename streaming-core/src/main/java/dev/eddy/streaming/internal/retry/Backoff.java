package dev.eddy.streaming.internal.retry;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * Bounded exponential backoff for a source or sink that waits for a broker on the query's thread. Real time,
 * not the engine clock: it paces retries against a real network peer, which a manual test clock would never
 * reach. {@link #cancel()} (from the thread stopping the query) ends a wait at once.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;
    private boolean cancelled;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.nextMillis = initialMillis;
    }

    /** The next wait starts again from the initial delay (the peer answered). */
    public synchronized void reset() {
        nextMillis = initialMillis;
    }

    /** The delay the next {@link #pause()} will wait. */
    public synchronized long nextMillis() {
        return nextMillis;
    }

    /**
     * Waits the current delay, then doubles it up to the bound.
     *
     * @throws CancellationException if the query is being stopped (before or during the wait)
     */
    public synchronized void pause() {
        long until = System.nanoTime() + nextMillis * 1_000_000L;
        try {
            long left;
            while (!cancelled && (left = until - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting to retry");
        }
        throwIfCancelled();
        nextMillis = Math.min(maxMillis, nextMillis * 2);
    }

    public synchronized void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("the query is stopping");
        }
    }

    /** Ends a current or later wait with a CancellationException. Any thread. */
    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }
}
