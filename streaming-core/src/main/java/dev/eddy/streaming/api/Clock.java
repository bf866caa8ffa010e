package dev.eddy.streaming.api;

/**
 * The only source of "now" for the engine. Engine logic never reads the wall clock directly, so tests
 * can drive time with a {@link ManualClock}.
 */
public interface Clock {

    /** Current time in epoch milliseconds. */
    long millis();

    /** The system clock (the default for sessions). */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
