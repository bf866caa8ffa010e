package dev.eddy.streaming.api.topic;

/** Thrown when a read asks for an offset retention has already dropped, or one past the end of the log. */
public class OffsetOutOfRangeException extends RuntimeException {
    private final String topic;
    private final int partition;
    private final long offset;

    public OffsetOutOfRangeException(String topic, int partition, long offset, long earliest, long latest) {
        super("offset " + offset + " of " + topic + "-" + partition + " is out of range [" + earliest + ", " + latest
                + "]" + (offset < earliest ? ": retention already dropped it" : ""));
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }
}
