package dev.eddy.streaming.api;

import java.util.EnumSet;
import java.util.Set;

/** A query's lifecycle. Transitions are checked: {@link #canMoveTo(QueryState)}. */
public enum QueryState {
    INITIALIZING,
    ACTIVE,
    STOPPING,
    TERMINATED,
    FAILED;

    public Set<QueryState> next() {
        return switch (this) {
            case INITIALIZING -> EnumSet.of(ACTIVE, STOPPING, FAILED);
            case ACTIVE -> EnumSet.of(STOPPING, TERMINATED, FAILED);
            case STOPPING -> EnumSet.of(TERMINATED, FAILED);
            case TERMINATED, FAILED -> EnumSet.noneOf(QueryState.class);
        };
    }

    public boolean canMoveTo(QueryState s) {
        return next().contains(s);
    }

    public boolean isTerminal() {
        return this == TERMINATED || this == FAILED;
    }
}
