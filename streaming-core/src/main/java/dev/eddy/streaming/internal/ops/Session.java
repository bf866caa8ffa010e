package dev.eddy.streaming.internal.ops;

/** One open session window of one key (a state row of {@link SessionWindowOp}); {@code id} indexes the accumulators. */
final class Session {
    long start;
    long end;
    int id;
    /** Whether the current batch placed a row in it. */
    boolean updated;

    Session(long start, long end, int id) {
        this.start = start;
        this.end = end;
        this.id = id;
    }
}
