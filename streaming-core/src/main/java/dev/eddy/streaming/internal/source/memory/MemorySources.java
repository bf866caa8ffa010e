package dev.eddy.streaming.internal.source.memory;

import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Format "memory": finds the {@link MemorySource} registered under option {@code id}. Memory streams live
 * as long as the JVM (they are for tests and small notebook demos).
 */
public final class MemorySources implements SourceProvider {
    private static final Map<String, MemorySource> REGISTRY = new ConcurrentHashMap<>();

    public static void register(String id, MemorySource s) {
        REGISTRY.put(id, s);
    }

    @Override
    public String formatName() {
        return "memory";
    }

    @Override
    public Source createSource(SourceContext context) {
        String id = context.requireOption("id");
        MemorySource s = REGISTRY.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no memory stream with id '" + id + "'");
        }
        return s;
    }
}
