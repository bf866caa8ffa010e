package dev.eddy.streaming.internal.format;

import dev.eddy.streaming.internal.expr.Dates;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path of {@link JsonLinesParser} for the common record: one flat JSON object in UTF-8 bytes whose values
 * are integers, plain strings (no escapes), booleans or null. It reads the bytes in place, straight into a reused
 * {@link ParsedRow}, with no parser set-up and no per-field objects (a String only for a STRING column). It answers
 * only when it is sure of the same result as the full parser: anything else (escapes, fractions, exponents, nested
 * values, a value that does not fit its column, stray bytes, a malformed record) returns false, and the caller runs
 * the full parser, which alone decides what is corrupt. So {@code _corrupt_record} and every value are unchanged.
 * One instance per reader thread (it keeps scratch state). A text column the query does not read
 * ({@link #skipText}) is checked as before but left null: no String is made for it.
 */
public final class FlatJsonScanner {
    /** Beyond these the full parser's stream constraints may answer differently: leave long input to it. */
    private static final int MAX_NAME = 1_000;

    private static final int MAX_STRING = 1_000_000;
    private static final int MAX_DIGITS = 18;

    private final byte[][] names;
    private final ValueType[] types;
    /** Text columns the query does not read: validated, never materialized. */
    private final boolean[] skipText;

    private boolean sawHighBytes;
    private int lastColumn = -1;

    public FlatJsonScanner(List<ColumnSpec> columns) {
        names = new byte[columns.size()][];
        types = new ValueType[columns.size()];
        skipText = new boolean[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = columns.get(i).name().getBytes(StandardCharsets.UTF_8);
            types[i] = columns.get(i).type();
        }
    }

    /**
     * Column pruning: STRING columns with {@code unread[c]} set are left null instead of made into Strings (any
     * JSON string or number fits a STRING column, so skipping one never changes whether a record is corrupt).
     */
    public void skipText(boolean[] unread) {
        for (int c = 0; c < skipText.length; c++) {
            skipText[c] = c < unread.length && unread[c] && types[c] == ValueType.STRING;
        }
    }

    /** True when {@code b[off, off+len)} was read into {@code row}; false: use the full parser (the row is dirty). */
    public boolean parse(byte[] b, int off, int len, ParsedRow row) {
        row.reset();
        sawHighBytes = false;
        lastColumn = -1;
        int end = off + len;
        int i = skipSpace(b, off, end);
        if (i >= end || b[i] != '{') {
            return false;
        }
        i = skipSpace(b, i + 1, end);
        if (i < end && b[i] == '}') {
            i++;
        } else {
            while (true) {
                if (i >= end || b[i] != '"') {
                    return false;
                }
                int nameStart = i + 1;
                int j = nameStart;
                while (j < end && b[j] != '"') {
                    if (b[j] < 0x20 || b[j] == '\\') { // control, escape or non-ASCII (negative) byte
                        return false;
                    }
                    j++;
                }
                if (j >= end || j - nameStart > MAX_NAME) {
                    return false;
                }
                int col = column(b, nameStart, j - nameStart);
                i = skipSpace(b, j + 1, end);
                if (i >= end || b[i] != ':') {
                    return false;
                }
                i = value(b, skipSpace(b, i + 1, end), end, col, row);
                if (i < 0) {
                    return false;
                }
                i = skipSpace(b, i, end);
                if (i >= end) {
                    return false;
                }
                if (b[i] == '}') {
                    i++;
                    break;
                }
                if (b[i] != ',') {
                    return false;
                }
                i = skipSpace(b, i + 1, end);
            }
        }
        if (skipSpace(b, i, end) != end) {
            return false;
        }
        // non-ASCII bytes only ever stand inside strings here; the record must be valid UTF-8 as a whole
        return !sawHighBytes || Utf8Text.decodeOrNull(b, off, len) != null;
    }

    /** The position after the value, or -1 when unsure. {@code col} is -1 for a field the schema does not have. */
    private int value(byte[] b, int i, int end, int col, ParsedRow row) {
        if (i >= end) {
            return -1;
        }
        byte c = b[i];
        if (c == '"') {
            return string(b, i + 1, end, col, row);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(b, i, end, col, row);
        }
        if (c == 'n') {
            if (!literal(b, i, end, "null")) {
                return -1;
            }
            if (col >= 0) {
                row.isSet[col] = false;
            }
            return i + 4;
        }
        if (c == 't' || c == 'f') {
            boolean v = c == 't';
            String word = v ? "true" : "false";
            if (!literal(b, i, end, word)) {
                return -1;
            }
            if (col >= 0 && !skipText[col]) { // an unread text column takes true and false as text: skip it
                if (types[col] == ValueType.BOOLEAN) {
                    row.booleans[col] = v;
                } else if (types[col] == ValueType.STRING) {
                    row.strings[col] = word;
                } else {
                    return -1;
                }
                row.isSet[col] = true;
            }
            return i + word.length();
        }
        return -1; // objects, arrays and anything else: the full parser
    }

    private int string(byte[] b, int start, int end, int col, ParsedRow row) {
        int j = start;
        boolean high = false;
        while (j < end) {
            byte x = b[j];
            if (x == '"') {
                break;
            }
            if (x == '\\' || (x >= 0 && x < 0x20)) {
                return -1;
            }
            high |= x < 0;
            j++;
        }
        if (j >= end || j - start > MAX_STRING) {
            return -1;
        }
        sawHighBytes |= high;
        if (col >= 0 && !skipText[col]) {
            String text = new String(b, start, j - start, high ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            if (types[col] == ValueType.STRING) {
                row.strings[col] = text;
            } else if (types[col] == ValueType.TIMESTAMP) {
                long micros = Timestamps.parseMicros(text);
                if (micros == Timestamps.INVALID) {
                    return -1;
                }
                row.longs[col] = micros;
            } else if (types[col] == ValueType.DATE) {
                Integer days = Dates.parse(text);
                if (days == null) {
                    return -1;
                }
                row.longs[col] = days;
            } else {
                return -1;
            }
            row.isSet[col] = true;
        }
        return j + 1;
    }

    private int number(byte[] b, int i, int end, int col, ParsedRow row) {
        int j = i;
        boolean negative = b[j] == '-';
        if (negative) {
            j++;
        }
        int digits = j;
        long v = 0;
        while (j < end && b[j] >= '0' && b[j] <= '9') {
            v = v * 10 + (b[j] - '0');
            j++;
        }
        int n = j - digits;
        if (n == 0 || n > MAX_DIGITS || (n > 1 && b[digits] == '0')) {
            return -1;
        }
        if (j < end && (b[j] == '.' || b[j] == 'e' || b[j] == 'E')) {
            return -1;
        }
        if (col < 0 || skipText[col]) {
            return j;
        }
        if (negative) {
            v = -v;
        }
        switch (types[col]) {
            case INT -> {
                if ((int) v != v) {
                    return -1;
                }
                row.longs[col] = v;
            }
            case LONG -> row.longs[col] = v;
            case DOUBLE -> row.doubles[col] = v;
            case TIMESTAMP -> {
                if (v > Long.MAX_VALUE / 1000 || v < Long.MIN_VALUE / 1000) {
                    return -1;
                }
                row.longs[col] = v * 1000;
            }
            case STRING -> row.strings[col] = new String(b, i, j - i, StandardCharsets.ISO_8859_1);
            default -> {
                return -1;
            }
        }
        row.isSet[col] = true;
        return j;
    }

    /** The column of a field name, trying the one after the last match first (fields usually come in order). */
    private int column(byte[] b, int off, int len) {
        int n = names.length;
        for (int k = 1; k <= n; k++) {
            int c = (lastColumn + k) % n;
            byte[] name = names[c];
            if (name.length == len && sameBytes(name, b, off, len)) {
                lastColumn = c;
                return c;
            }
        }
        return -1;
    }

    /** A plain loop: field names are short, where the vectorized Arrays.equals costs more than it saves. */
    private static boolean sameBytes(byte[] name, byte[] b, int off, int len) {
        if (len > 32) {
            return Arrays.equals(name, 0, len, b, off, off + len);
        }
        for (int k = 0; k < len; k++) {
            if (name[k] != b[off + k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean literal(byte[] b, int i, int end, String word) {
        if (end - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }
}
