package dev.eddy.sql.internal.parser;

import java.util.Locale;

/** Whether a catalog entry is an unbounded stream or a bounded (static or memory) table. */
public enum RelationKind {
    STREAM,
    TABLE;

    /** The word users type, lower case, for messages ("stream 'lines'"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
