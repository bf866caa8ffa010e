package dev.eddy.streaming.api;

import java.util.Locale;

/** How a query's result table is written to its sink each trigger (Spark's output modes). */
public enum OutputMode {
    /** Only rows that will never change again are written once (finalized windows, non-aggregated rows). */
    APPEND,
    /** Rows changed by this trigger are written; sinks upsert them by the result's key columns. */
    UPDATE,
    /** The whole result table is written every trigger; sinks replace what they had. */
    COMPLETE;

    /** Parses "append", "update" or "complete" (any case). */
    public static OutputMode parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output mode '" + name + "': use append, update or complete");
        }
    }
}
