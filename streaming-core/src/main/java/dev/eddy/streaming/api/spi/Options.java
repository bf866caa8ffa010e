package dev.eddy.streaming.api.spi;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Helpers for case-insensitive string options with clear errors. */
public final class Options {
    private Options() {}

    /** An unmodifiable copy with lower-cased keys. */
    public static Map<String, String> normalize(Map<String, String> options) {
        TreeMap<String, String> m = new TreeMap<>();
        options.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Whether a lower-cased option key is one of {@code known} (any case), where a known name ending in {@code .*}
     * stands for every key with that prefix (e.g. {@code kafka.*}).
     */
    public static boolean isKnown(String key, Set<String> known) {
        for (String n : known) {
            String k = n.toLowerCase(Locale.ROOT);
            if (k.endsWith(".*") ? key.startsWith(k.substring(0, k.length() - 1)) : key.equals(k)) {
                return true;
            }
        }
        return false;
    }

    public static String get(Map<String, String> options, String key, String defaultValue) {
        return options.getOrDefault(key.toLowerCase(Locale.ROOT), defaultValue);
    }

    public static String require(Map<String, String> options, String key) {
        String v = options.get(key.toLowerCase(Locale.ROOT));
        if (v == null) {
            throw new IllegalArgumentException("option '" + key + "' is required");
        }
        return v;
    }

    public static long getLong(Map<String, String> options, String key, long defaultValue) {
        String v = options.get(key.toLowerCase(Locale.ROOT));
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a whole number, got '" + v + "'");
        }
    }
}
