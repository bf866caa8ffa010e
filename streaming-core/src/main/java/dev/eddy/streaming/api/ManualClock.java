package dev.eddy.streaming.api;

/** A clock that only moves when told to; thread-safe so a test thread can advance it. */
public final class ManualClock implements Clock {
    private volatile long now;

    public ManualClock(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public long millis() {
        return now;
    }

    /** Moves time forward; time never goes backwards. */
    public synchronized void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a clock cannot go backwards: " + millis);
        }
        now += millis;
    }

    public synchronized void set(long millis) {
        if (millis < now) {
            throw new IllegalArgumentException("a clock cannot go backwards: " + millis + " < " + now);
        }
        now = millis;
    }
}
