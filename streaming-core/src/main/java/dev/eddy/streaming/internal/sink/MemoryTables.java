package dev.eddy.streaming.internal.sink;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** A session's memory tables by name (query name of a memory-sink query). */
public final class MemoryTables {
    private final Map<String, MemoryTable> tables = new ConcurrentHashMap<>();

    public void put(String name, MemoryTable t) {
        tables.put(name, t);
    }

    public Optional<MemoryTable> get(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Set<String> names() {
        return new TreeSet<>(tables.keySet());
    }
}
