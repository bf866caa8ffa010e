package dev.eddy.streaming.api.spi;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of source, sink and bounded-table formats. At first use it loads every {@link SourceProvider} and
 * {@link SinkProvider} and {@link TableProvider} on the class path with {@link ServiceLoader}; {@link #register} adds or replaces one
 * at run time (e.g. from a notebook cell). Format names are case-insensitive.
 */
public final class Providers {
    private static final Map<String, SourceProvider> SOURCES = new ConcurrentHashMap<>();
    private static final Map<String, SinkProvider> SINKS = new ConcurrentHashMap<>();
    private static final Map<String, TableProvider> TABLES = new ConcurrentHashMap<>();
    private static volatile boolean loaded;

    private Providers() {}

    public static void register(SourceProvider p) {
        load();
        SOURCES.put(key(p.formatName()), p);
    }

    public static void register(SinkProvider p) {
        load();
        SINKS.put(key(p.formatName()), p);
    }

    public static void register(TableProvider p) {
        load();
        TABLES.put(key(p.formatName()), p);
    }

    /** The provider of a bounded-table format, or an IllegalArgumentException listing the known ones. */
    public static TableProvider table(String format) {
        load();
        TableProvider p = TABLES.get(key(format));
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown table format '" + format + "'; known: " + new TreeMap<>(TABLES).keySet());
        }
        return p;
    }

    public static Set<String> tableFormats() {
        load();
        return new TreeMap<>(TABLES).keySet();
    }

    /** The provider for a source format, or an IllegalArgumentException listing the known formats. */
    public static SourceProvider source(String format) {
        load();
        SourceProvider p = SOURCES.get(key(format));
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown source format '" + format + "'; known: " + new TreeMap<>(SOURCES).keySet());
        }
        return p;
    }

    public static SinkProvider sink(String format) {
        load();
        SinkProvider p = SINKS.get(key(format));
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown sink format '" + format + "'; known: " + new TreeMap<>(SINKS).keySet());
        }
        return p;
    }

    public static Set<String> sourceFormats() {
        load();
        return new TreeMap<>(SOURCES).keySet();
    }

    public static Set<String> sinkFormats() {
        load();
        return new TreeMap<>(SINKS).keySet();
    }

    private static String key(String format) {
        return format.trim().toLowerCase(Locale.ROOT);
    }

    private static void load() {
        if (loaded) {
            return;
        }
        synchronized (Providers.class) {
            if (loaded) {
                return;
            }
            ClassLoader cl = Providers.class.getClassLoader();
            for (SourceProvider p : ServiceLoader.load(SourceProvider.class, cl)) {
                SOURCES.putIfAbsent(key(p.formatName()), p);
            }
            for (SinkProvider p : ServiceLoader.load(SinkProvider.class, cl)) {
                SINKS.putIfAbsent(key(p.formatName()), p);
            }
            for (TableProvider p : ServiceLoader.load(TableProvider.class, cl)) {
                TABLES.putIfAbsent(key(p.formatName()), p);
            }
            loaded = true;
        }
    }
}
