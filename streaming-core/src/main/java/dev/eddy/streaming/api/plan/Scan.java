package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Options;
import java.util.List;
import java.util.Map;

/** A streaming source of a registered format with its options (keys lower-cased) and resolved schema. */
public record Scan(String format, Map<String, String> options, Schema schema) implements LogicalPlan {
    public Scan {
        options = Options.normalize(options);
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of();
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public String describe() {
        return "StreamingScan " + format + " " + options + " " + schema;
    }
}
