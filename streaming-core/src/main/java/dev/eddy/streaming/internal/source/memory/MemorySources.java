package dev.eddy.streaming.internal.source.memory;

import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Format "memory": finds the {@link MemorySource} registered under option {@code id}. A memory stream is registered
 * by the session that made it and unregistered when that session shuts down ({@code Eddy.shutdown()}).
 */
public final class MemorySources implements SourceProvider {
    private static final Map<String, MemorySource> REGISTRY = new ConcurrentHashMap<>();

    public static void register(String id, MemorySource s) {
        REGISTRY.put(id, s);
    }

    /** Removes the id if it still names this source (a later stream with the same id stays). */
    public static void unregister(String id, MemorySource s) {
        REGISTRY.remove(id, s);
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
