package dev.eddy.streaming.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A clock that only moves when told to; thread-safe so a test thread can advance it. */
public final class ManualClock implements Clock {
    private volatile long now;
    private final Set<Object> waiters = ConcurrentHashMap.newKeySet();

    public ManualClock(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public long millis() {
        return now;
    }

    /** Moves time forward and wakes threads waiting for a time; time never goes backwards. */
    public void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a clock cannot go backwards: " + millis);
        }
        synchronized (this) {
            now += millis;
        }
        wakeWaiters();
    }

    public void set(long millis) {
        synchronized (this) {
            if (millis < now) {
                throw new IllegalArgumentException("a clock cannot go backwards: " + millis + " < " + now);
            }
            now = millis;
        }
        wakeWaiters();
    }

    /** Waits without a wall-clock timeout: only {@link #advance}, {@link #set} or a notify wake it. */
    @Override
    public void await(Object monitor, long targetMillis) throws InterruptedException {
        waiters.add(monitor);
        try {
            if (millis() < targetMillis) {
                monitor.wait();
            }
        } finally {
            waiters.remove(monitor);
        }
    }

    private void wakeWaiters() {
        for (Object w : waiters) {
            synchronized (w) {
                w.notifyAll();
            }
        }
    }
}
