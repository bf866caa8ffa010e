package dev.eddy.streaming.api;

import java.time.Duration;

/** When a query runs its micro-batches (Spark's triggers). */
public sealed interface Trigger {

    /** A batch every {@code intervalMillis} of the engine clock (0: as fast as possible). */
    record ProcessingTime(long intervalMillis) implements Trigger {
        public ProcessingTime {
            if (intervalMillis < 0) {
                throw new IllegalArgumentException("trigger interval must not be negative");
            }
        }
    }

    /** Process everything available at start (possibly in several batches), then stop. */
    record AvailableNow() implements Trigger {}

    /** One batch with everything available at start, then stop (deprecated in Spark; kept for courses). */
    record Once() implements Trigger {}

    static Trigger processingTime(String interval) {
        return new ProcessingTime(Intervals.parseMicros(interval) / 1000);
    }

    static Trigger processingTime(Duration interval) {
        return new ProcessingTime(interval.toMillis());
    }

    static Trigger availableNow() {
        return new AvailableNow();
    }

    static Trigger once() {
        return new Once();
    }

    /** The default: the next batch starts as soon as the previous one is done and data is there. */
    static Trigger asFastAsPossible() {
        return new ProcessingTime(0);
    }
}
