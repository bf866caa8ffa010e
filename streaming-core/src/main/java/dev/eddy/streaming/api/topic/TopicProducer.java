package dev.eddy.streaming.api.topic;

import dev.eddy.streaming.internal.log.TopicLog;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes records to one topic. Thread-safe; records of one partition get consecutive offsets in send order.
 * A record without a timestamp (negative) gets the registry clock's time.
 */
public final class TopicProducer {
    private final Topics topics;
    private final TopicLog log;

    TopicProducer(Topics topics, TopicLog log) {
        this.topics = topics;
        this.log = log;
    }

    public String topic() {
        return log.name();
    }

    public TopicRecord send(String key, String value) {
        return send(bytes(key), bytes(value), -1, -1, List.of());
    }

    public TopicRecord send(String key, String value, long timestamp) {
        return send(bytes(key), bytes(value), -1, timestamp, List.of());
    }

    /** Sends a record; its partition (if >= 0), timestamp (if >= 0) and headers are honoured. */
    public TopicRecord send(TopicRecord r) {
        return send(r.key(), r.value(), r.partition(), r.timestamp(), r.headers());
    }

    /** The general form; returns the record as written, with partition, offset and timestamp. */
    public TopicRecord send(byte[] key, byte[] value, int partition, long timestamp, List<Header> headers) {
        long now = topics.now();
        long ts = timestamp >= 0 ? timestamp : now;
        int p = log.choosePartition(partition, key);
        List<Header> hs = headers == null ? List.of() : List.copyOf(headers);
        long offset = log.append(p, ts, now, key, value, hs);
        if (log.config().hasRetention()) {
            log.partition(p).enforceRetention(log.config(), now);
        }
        return new TopicRecord(log.name(), p, offset, ts, key, value, hs);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
