package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.Intervals;
import dev.eddy.streaming.api.function.GroupState;
import dev.eddy.streaming.api.function.GroupStateTimeout;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The GroupState handed to one call of the user function; the operator reads it back afterwards. */
final class GroupStateImpl<S> implements GroupState<S> {
    static final long NO_TIMEOUT = Long.MIN_VALUE;
    private final GroupStateTimeout timeoutConf;
    private final boolean timedOut;
    private final long nowMs;
    private final long watermarkMs;
    S value;
    boolean exists;
    boolean removed;
    long timeoutAt = NO_TIMEOUT;

    GroupStateImpl(
            S value, boolean exists, boolean timedOut, GroupStateTimeout timeoutConf, long nowMs, long watermarkMs) {
        this.value = value;
        this.exists = exists;
        this.timedOut = timedOut;
        this.timeoutConf = timeoutConf;
        this.nowMs = nowMs;
        this.watermarkMs = watermarkMs;
    }

    @Override
    public boolean exists() {
        return exists;
    }

    @Override
    public S get() {
        if (!exists) {
            throw new NoSuchElementException("this key has no state (check exists() first)");
        }
        return value;
    }

    @Override
    public Optional<S> getOption() {
        return exists ? Optional.ofNullable(value) : Optional.empty();
    }

    @Override
    public void update(S newState) {
        if (newState == null) {
            throw new IllegalArgumentException("state cannot be updated to null; use remove()");
        }
        value = newState;
        exists = true;
        removed = false;
    }

    @Override
    public void remove() {
        value = null;
        exists = false;
        removed = true;
    }

    @Override
    public boolean hasTimedOut() {
        return timedOut;
    }

    @Override
    public void setTimeoutDuration(long millis) {
        if (timeoutConf != GroupStateTimeout.PROCESSING_TIME_TIMEOUT) {
            throw new UnsupportedOperationException(
                    "setTimeoutDuration needs GroupStateTimeout.PROCESSING_TIME_TIMEOUT");
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("timeout duration must be positive");
        }
        timeoutAt = nowMs + millis;
    }

    @Override
    public void setTimeoutDuration(String duration) {
        setTimeoutDuration(Intervals.parseMicros(duration) / 1000);
    }

    @Override
    public void setTimeoutTimestamp(long epochMillis) {
        if (timeoutConf != GroupStateTimeout.EVENT_TIME_TIMEOUT) {
            throw new UnsupportedOperationException("setTimeoutTimestamp needs GroupStateTimeout.EVENT_TIME_TIMEOUT");
        }
        if (watermarkMs >= 0 && epochMillis <= watermarkMs) {
            throw new IllegalArgumentException(
                    "timeout timestamp " + epochMillis + " is not after the watermark " + watermarkMs);
        }
        timeoutAt = epochMillis;
    }

    @Override
    public long getCurrentProcessingTimeMs() {
        return nowMs;
    }

    @Override
    public long getCurrentWatermarkMs() {
        return watermarkMs;
    }
}
