package dev.eddy.sql.api;

import java.time.Duration;
import java.util.Objects;

/** {@code WATERMARK FOR column AS column - delay}: the event-time column and how late rows may be. */
public record WatermarkSpec(String column, Duration delay) {
    public WatermarkSpec {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("watermark delay must not be negative: " + delay);
        }
    }
}
