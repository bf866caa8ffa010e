package dev.eddy.sql.internal.parser;

import dev.eddy.sql.api.SqlException;
import java.util.Arrays;

/**
 * A text rewritten before parsing ({@link InlineTables}, {@link MultiUnitIntervals}) and, for each of its
 * characters, the offset in the text the user wrote that it came from. Errors found in the rewritten text (the
 * parser's, the validator's, Eddy's checks) are moved back with {@link #remap}, so that their line and column are
 * those of the user's text even where a rewrite made a line longer or shorter or joined lines.
 */
public final class SourceMap {
    private final String original;
    private final String text;
    /** origin[i]: the offset in {@code original} of {@code text.charAt(i)}; origin[text.length()] is the end. */
    private final int[] origin;

    private SourceMap(String original, String text, int[] origin) {
        this.original = original;
        this.text = text;
        this.origin = origin;
    }

    /** A text not rewritten. */
    public static SourceMap identity(String text) {
        int[] origin = new int[text.length() + 1];
        Arrays.setAll(origin, i -> i);
        return new SourceMap(text, text, origin);
    }

    /** The rewritten text. */
    public String text() {
        return text;
    }

    /** The text the user wrote. */
    public String original() {
        return original;
    }

    /** This map followed by a rewrite of its text whose characters came from {@code offsets} in {@link #text()}. */
    SourceMap then(String rewritten, int[] offsets) {
        int[] combined = new int[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            combined[i] = origin[Math.min(Math.max(offsets[i], 0), origin.length - 1)];
        }
        return new SourceMap(original, rewritten, combined);
    }

    /**
     * {@code e} with its position (and the " at line L, column C" of its message) moved from the rewritten text to
     * the user's; {@code e} itself when it has no position or the text was not rewritten.
     */
    public SqlException remap(SqlException e) {
        if (e.line() <= 0 || text.equals(original)) {
            return e;
        }
        int[] to = lineColumn(original, origin[offset(text, e.line(), e.column())]);
        if (to[0] == e.line() && to[1] == e.column()) {
            return e;
        }
        String message = String.valueOf(e.getMessage())
                .replace("at line " + e.line() + ", column " + e.column(), "at line " + to[0] + ", column " + to[1]);
        return new SqlException(message, to[0], to[1]);
    }

    /** The offset of a 1-based line and column in {@code s} (clamped to the text). */
    private static int offset(String s, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            int nl = s.indexOf('\n', at);
            if (nl < 0) {
                return s.length();
            }
            at = nl + 1;
        }
        return Math.min(at + Math.max(column, 1) - 1, s.length());
    }

    /** The 1-based line and column of an offset in {@code s}. */
    private static int[] lineColumn(String s, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** Builds a rewritten text, character by character, with the offset each character came from. */
    static final class Builder {
        private final StringBuilder out = new StringBuilder();
        private int[] offsets = new int[16];

        /** Appends {@code s[from, to)} unchanged. */
        Builder copy(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                add(s.charAt(i), i);
            }
            return this;
        }

        /** Appends {@code s} written in place of the text at {@code from}. */
        Builder replace(String s, int from) {
            for (int i = 0; i < s.length(); i++) {
                add(s.charAt(i), from);
            }
            return this;
        }

        private void add(char c, int from) {
            if (out.length() + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[out.length()] = from;
            out.append(c);
        }

        String text() {
            return out.toString();
        }

        /** The offsets, with the end of the input after the last character. */
        int[] offsets(int inputLength) {
            int[] result = Arrays.copyOf(offsets, out.length() + 1);
            result[out.length()] = inputLength;
            return result;
        }
    }
}
