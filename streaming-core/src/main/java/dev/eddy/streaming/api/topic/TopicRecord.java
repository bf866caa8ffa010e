package dev.eddy.streaming.api.topic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * An immutable record read from (or about to be written to) a topic. {@code partition} and {@code offset} are -1
 * for a record not yet written; {@code partition} may be set to ask for an explicit partition.
 */
public record TopicRecord(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {
    public TopicRecord {
        Objects.requireNonNull(topic, "topic");
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record to produce: no partition chosen (key hash decides), timestamp taken from the log's clock. */
    public static TopicRecord of(String topic, String key, String value) {
        return new TopicRecord(topic, -1, -1, -1, utf8(key), utf8(value), List.of());
    }

    public TopicRecord withPartition(int p) {
        return new TopicRecord(topic, p, offset, timestamp, key, value, headers);
    }

    public TopicRecord withTimestamp(long ts) {
        return new TopicRecord(topic, partition, offset, ts, key, value, headers);
    }

    public TopicRecord withHeaders(List<Header> hs) {
        return new TopicRecord(topic, partition, offset, timestamp, key, value, hs);
    }

    public String keyAsString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    public String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " ts=" + timestamp + " key=" + keyAsString() + " value="
                + valueAsString();
    }
}
