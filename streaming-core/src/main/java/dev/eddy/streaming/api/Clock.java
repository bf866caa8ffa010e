package dev.eddy.streaming.api;

/**
 * The only source of "now" for the engine. Engine logic never reads the wall clock directly, so tests
 * can drive time with a {@link ManualClock}.
 */
public interface Clock {

    /** Current time in epoch milliseconds. */
    long millis();

    /**
     * Waits on {@code monitor} (which the caller holds) until this clock reaches {@code targetMillis} or the
     * monitor is notified, whichever is first; spurious early returns are allowed (callers re-check).
     */
    default void await(Object monitor, long targetMillis) throws InterruptedException {
        long delay = targetMillis - millis();
        if (delay > 0) {
            monitor.wait(delay);
        }
    }

    /** The system clock (the default for sessions). */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
