package dev.eddy.streaming.api.spi;

/**
 * A position in a source's stream. Offsets are immutable values with {@code equals}, and they have their
 * own stable text form, {@link #json()}, which checkpoints store (never Java serialization). The source
 * that made an offset turns the text back into an offset with {@link Source#deserializeOffset(String)}; the
 * round trip must give an equal offset, across engine versions.
 *
 * <p>Convention: an offset names the NEXT position to read (like a Kafka consumer position), so a batch
 * between offsets {@code start} and {@code end} holds the records in {@code [start, end)}, and a source's
 * {@link Source#initialOffset()} is the position of its first record.
 */
public interface Offset {

    /** The stable serialized form: compact JSON, e.g. {@code 42} or {@code {"0":12,"1":7}}. */
    String json();
}
