package dev.eddy.streaming.api.function;

/** Which timeouts a {@code flatMapGroupsWithState} uses. */
public enum GroupStateTimeout {
    NO_TIMEOUT,
    PROCESSING_TIME_TIMEOUT,
    EVENT_TIME_TIMEOUT
}
