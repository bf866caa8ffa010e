package dev.eddy.streaming.api.function;

import java.util.Optional;

/**
 * The state of one key in {@code flatMapGroupsWithState}, valid only during the call (Spark's GroupState).
 * Set a timeout in every call that needs one: a call clears the previous timeout.
 */
public interface GroupState<S> {

    boolean exists();

    /** The state; throws NoSuchElementException if there is none. */
    S get();

    Optional<S> getOption();

    void update(S newState);

    void remove();

    /** True when this call happens because the key's timeout expired (then there are no new rows). */
    boolean hasTimedOut();

    /** Processing-time timeout: call again after this many milliseconds of engine clock without data. */
    void setTimeoutDuration(long millis);

    /** Processing-time timeout from a duration string, e.g. "30 seconds". */
    void setTimeoutDuration(String duration);

    /** Event-time timeout: call again once the watermark passes this time (epoch millis). */
    void setTimeoutTimestamp(long epochMillis);

    /** The engine clock at the start of the batch (epoch millis). */
    long getCurrentProcessingTimeMs();

    /** The batch's watermark (epoch millis), or -1 without one. */
    long getCurrentWatermarkMs();
}
