package dev.eddy.streaming.api;

/** Thrown by awaitTermination when the query failed; the cause is what failed it. */
public final class StreamingQueryException extends RuntimeException {
    private final long batchId;

    public StreamingQueryException(String message, Throwable cause, long batchId) {
        super(message, cause);
        this.batchId = batchId;
    }

    /** The batch that failed, or -1 if the query failed before its first batch. */
    public long batchId() {
        return batchId;
    }
}
