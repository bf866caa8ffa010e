package dev.eddy.streaming.api.topic;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One record header: a string key and raw bytes (null allowed), as in Kafka. */
public record Header(String key, byte[] value) {
    public Header {
        Objects.requireNonNull(key, "header key");
    }

    public static Header of(String key, String value) {
        return new Header(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
