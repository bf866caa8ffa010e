package dev.eddy.streaming.internal.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path of {@link JsonLinesParser}: one JSON object in UTF-8 bytes, read in place straight into a
 * {@link ValueSink} (a batch's columns, or a {@link ParsedRow}), with no parser set-up and no per-field objects (a
 * String only for a STRING or ISO-timestamp column the query reads). It takes integers and decimals (parsed from the
 * bytes into the long or double column; a double exactly as {@link Double#parseDouble}, which Jackson uses), strings
 * with or without escapes, booleans and null; nested objects and arrays it validates and skips where the record's
 * column is not read or not in the schema. It answers only when it is sure of the same result as the full parser:
 * anything else (a nested value the query reads, a value that does not fit its column, an escaped field name, stray
 * bytes, a malformed record, very long or deep input) returns false, and the caller runs the full parser, which alone
 * decides what is corrupt. So {@code _corrupt_record} and every value are unchanged. One instance per reader thread
 * (it keeps scratch state). A text column the query does not read ({@link #skipText}) is checked as before but left
 * null: no String is made for it.
 */
public final class FlatJsonScanner {
    /** Beyond these the full parser's stream constraints may answer differently: leave long input to it. */
    private static final int MAX_NAME = 1_000;

    private static final int MAX_STRING = 1_000_000;
    /** Integers of up to 18 digits always fit a long. */
    private static final int MAX_DIGITS = 18;
    /** Longer numbers (Jackson's own limit is 1,000 characters) go to the full parser. */
    private static final int MAX_NUMBER = 200;
    /** Deeper nesting goes to the full parser. */
    private static final int MAX_DEPTH = 64;

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10; // exact up to 1e22
        }
    }

    private final byte[][] names;
    private final ValueType[] types;
    /** Text columns the query does not read: validated, never materialized. */
    private final boolean[] skipText;

    private final StringBuilder unescaped = new StringBuilder();
    private boolean sawHighBytes;
    private int lastColumn = -1;
    /** Set by {@link #stringEnd}: the string just scanned held an escape, a non-ASCII byte. */
    private boolean escapes;

    private boolean stringHigh;

    private final DatetimeOptions datetimes;

    public FlatJsonScanner(List<ColumnSpec> columns) {
        this(columns, DatetimeOptions.DEFAULT);
    }

    /** A scanner reading DATE and TIMESTAMP strings as {@code datetimes} says. */
    public FlatJsonScanner(List<ColumnSpec> columns, DatetimeOptions datetimes) {
        this.datetimes = datetimes;
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
     * JSON value fits a STRING column, so skipping one never changes whether a record is corrupt; a lone escaped
     * surrogate, which makes the record corrupt, is still looked for).
     */
    public void skipText(boolean[] unread) {
        for (int c = 0; c < skipText.length; c++) {
            skipText[c] = c < unread.length && unread[c] && types[c] == ValueType.STRING;
        }
    }

    /** True when {@code b[off, off+len)} was read into {@code row}; false: use the full parser (the row is dirty). */
    public boolean parse(byte[] b, int off, int len, ParsedRow row) {
        row.reset();
        return parse(b, off, len, (ValueSink) row);
    }

    /**
     * True when {@code b[off, off+len)} was read into {@code out}'s columns (a column the record does not set is left
     * unset: null); false: use the full parser, after clearing whatever this set in {@code out}.
     */
    public boolean parse(byte[] b, int off, int len, ValueSink out) {
        sawHighBytes = false;
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
                i = value(b, skipSpace(b, i + 1, end), end, col, out);
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
    private int value(byte[] b, int i, int end, int col, ValueSink out) {
        if (i >= end) {
            return -1;
        }
        byte c = b[i];
        if (c == '"') {
            return string(b, i + 1, end, col, out);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(b, i, end, col, out);
        }
        if (c == 'n') {
            if (!literal(b, i, end, "null")) {
                return -1;
            }
            if (col >= 0) {
                out.setNull(col);
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
                    out.setBoolean(col, v);
                } else if (types[col] == ValueType.STRING) {
                    out.setString(col, word);
                } else {
                    return -1;
                }
            }
            return i + word.length();
        }
        if (c == '{' || c == '[') {
            // a nested value is kept as JSON text by the full parser: skipped here only where nobody reads it
            if (col >= 0 && !skipText[col]) {
                return -1;
            }
            return skipValue(b, i, end, col >= 0, 0);
        }
        return -1; // anything else: the full parser
    }

    private int string(byte[] b, int start, int end, int col, ValueSink out) {
        int close = stringEnd(b, start, end);
        if (close < 0) {
            return -1;
        }
        if (col < 0) {
            return close + 1;
        }
        if (skipText[col]) {
            // not read, but a lone escaped surrogate still makes the record corrupt
            return escapes && Utf8Text.hasLoneSurrogate(unescape(b, start, close)) ? -1 : close + 1;
        }
        ValueType type = types[col];
        if (type != ValueType.STRING && type != ValueType.TIMESTAMP && type != ValueType.DATE) {
            return -1;
        }
        String text;
        if (escapes) {
            CharSequence chars = unescape(b, start, close);
            if (Utf8Text.hasLoneSurrogate(chars)) {
                return -1;
            }
            text = chars.toString();
        } else {
            text = new String(
                    b, start, close - start, stringHigh ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
        if (type == ValueType.STRING) {
            out.setString(col, text);
        } else if (type == ValueType.DATE) {
            Integer days = datetimes.jsonDays(text);
            if (days == null) {
                return -1;
            }
            out.setLong(col, days);
        } else {
            long micros = datetimes.micros(text);
            if (micros == Timestamps.INVALID) {
                return -1;
            }
            out.setLong(col, micros);
        }
        return close + 1;
    }

    /**
     * The position of the closing quote of the string whose text starts at {@code start}, or -1 when unsure (a raw
     * control character, an invalid escape, no closing quote, very long). Notes non-ASCII bytes and escapes.
     */
    private int stringEnd(byte[] b, int start, int end) {
        int j = start;
        boolean high = false;
        boolean esc = false;
        int limit = Math.min(end, start + MAX_STRING);
        while (j < limit) {
            byte x = b[j];
            if (x == '"') {
                sawHighBytes |= high;
                stringHigh = high;
                escapes = esc;
                return j;
            }
            if (x == '\\') {
                esc = true;
                if (j + 1 >= limit) {
                    return -1;
                }
                byte e = b[j + 1];
                if (e == 'u') {
                    if (j + 5 >= limit
                            || hex(b[j + 2]) < 0
                            || hex(b[j + 3]) < 0
                            || hex(b[j + 4]) < 0
                            || hex(b[j + 5]) < 0) {
                        return -1;
                    }
                    j += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                        || e == 't') {
                    j += 2;
                } else {
                    return -1;
                }
                continue;
            }
            if (x >= 0 && x < 0x20) {
                return -1;
            }
            high |= x < 0;
            j++;
        }
        return -1;
    }

    /** The text of a string with escapes (already validated by {@link #stringEnd}), in a reused buffer. */
    private CharSequence unescape(byte[] b, int start, int close) {
        StringBuilder sb = unescaped;
        sb.setLength(0);
        int run = start;
        int j = start;
        while (j < close) {
            if (b[j] != '\\') {
                j++;
                continue;
            }
            if (j > run) {
                sb.append(new String(b, run, j - run, StandardCharsets.UTF_8));
            }
            byte e = b[j + 1];
            switch (e) {
                case 'u' -> {
                    sb.append((char) (hex(b[j + 2]) << 12 | hex(b[j + 3]) << 8 | hex(b[j + 4]) << 4 | hex(b[j + 5])));
                    j += 6;
                }
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                default -> sb.append((char) e); // " \ /
            }
            if (e != 'u') {
                j += 2;
            }
            run = j;
        }
        if (close > run) {
            sb.append(new String(b, run, close - run, StandardCharsets.UTF_8));
        }
        return sb;
    }

    private static int hex(byte x) {
        if (x >= '0' && x <= '9') {
            return x - '0';
        }
        if (x >= 'a' && x <= 'f') {
            return x - 'a' + 10;
        }
        if (x >= 'A' && x <= 'F') {
            return x - 'A' + 10;
        }
        return -1;
    }

    /** A JSON number (RFC 8259's grammar, as Jackson reads it by default) into the column; -1 when unsure. */
    private int number(byte[] b, int i, int end, int col, ValueSink out) {
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
        if (n == 0 || (n > 1 && b[digits] == '0')) {
            return -1;
        }
        boolean fraction = j < end && b[j] == '.';
        if (fraction) {
            int f = ++j;
            while (j < end && b[j] >= '0' && b[j] <= '9') {
                j++;
            }
            if (j == f) {
                return -1; // "1." is not JSON
            }
        }
        boolean exponent = j < end && (b[j] == 'e' || b[j] == 'E');
        if (exponent) {
            j++;
            if (j < end && (b[j] == '+' || b[j] == '-')) {
                j++;
            }
            int e = j;
            while (j < end && b[j] >= '0' && b[j] <= '9') {
                j++;
            }
            if (j == e) {
                return -1;
            }
        }
        if (j - i > MAX_NUMBER) {
            return -1;
        }
        if (col < 0 || skipText[col]) {
            return j;
        }
        if (fraction || exponent) { // Jackson's VALUE_NUMBER_FLOAT: a DOUBLE or its text, corrupt elsewhere
            switch (types[col]) {
                case DOUBLE -> out.setDouble(col, parseDouble(b, i, j));
                case STRING -> out.setString(col, new String(b, i, j - i, StandardCharsets.ISO_8859_1));
                default -> {
                    return -1;
                }
            }
            return j;
        }
        if (n > MAX_DIGITS) {
            return -1;
        }
        if (negative) {
            v = -v;
        }
        switch (types[col]) {
            case INT -> {
                if ((int) v != v) {
                    return -1;
                }
                out.setLong(col, v);
            }
            case LONG -> out.setLong(col, v);
            case DOUBLE -> out.setDouble(col, v);
            case TIMESTAMP -> {
                if (v > Long.MAX_VALUE / 1_000_000 || v < Long.MIN_VALUE / 1_000_000) {
                    return -1;
                }
                out.setLong(col, v * 1_000_000); // epoch seconds, as Spark reads a JSON number
            }
            case STRING -> out.setString(col, new String(b, i, j - i, StandardCharsets.ISO_8859_1));
            default -> {
                return -1;
            }
        }
        return j;
    }

    /**
     * A valid JSON number {@code b[i, j)} as a double, exactly as {@link Double#parseDouble}: with at most 15
     * significant digits and a power of ten up to 22 both are exact doubles and one multiplication or division rounds
     * correctly; anything else goes to {@link Double#parseDouble} itself.
     */
    static double parseDouble(byte[] b, int i, int j) {
        int k = i;
        boolean negative = b[k] == '-';
        if (negative) {
            k++;
        }
        long m = 0;
        int significant = 0;
        int scale = 0; // digits after the point
        boolean point = false;
        for (; k < j; k++) {
            byte x = b[k];
            if (x == '.') {
                point = true;
                continue;
            }
            if (x == 'e' || x == 'E') {
                break;
            }
            int d = x - '0';
            if (significant > 0 || d != 0) {
                significant++;
                m = m * 10 + d;
            }
            if (point) {
                scale++;
            }
        }
        int exp = 0;
        if (k < j) { // the exponent
            k++;
            boolean expNegative = b[k] == '-';
            if (b[k] == '-' || b[k] == '+') {
                k++;
            }
            if (j - k > 4) {
                return slowDouble(b, i, j);
            }
            for (; k < j; k++) {
                exp = exp * 10 + (b[k] - '0');
            }
            if (expNegative) {
                exp = -exp;
            }
        }
        if (significant > 15) {
            return slowDouble(b, i, j);
        }
        int e10 = exp - scale;
        double v;
        if (m == 0) {
            v = 0;
        } else if (e10 >= 0 && e10 <= 22) {
            v = m * POWERS_OF_TEN[e10];
        } else if (e10 < 0 && e10 >= -22) {
            v = m / POWERS_OF_TEN[-e10];
        } else {
            return slowDouble(b, i, j);
        }
        return negative ? -v : v;
    }

    private static double slowDouble(byte[] b, int i, int j) {
        return Double.parseDouble(new String(b, i, j - i, StandardCharsets.ISO_8859_1));
    }

    /**
     * Validates and skips any JSON value at {@code i}; -1 when unsure. {@code inSchema}: the value belongs to a
     * column (the full parser keeps it as text and refuses a lone escaped surrogate anywhere in it).
     */
    private int skipValue(byte[] b, int i, int end, boolean inSchema, int depth) {
        if (i >= end) {
            return -1;
        }
        byte c = b[i];
        if (c == '"') {
            return skipString(b, i + 1, end, inSchema);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(b, i, end, -1, null);
        }
        if (c == 'n' || c == 't' || c == 'f') {
            String word = c == 'n' ? "null" : c == 't' ? "true" : "false";
            return literal(b, i, end, word) ? i + word.length() : -1;
        }
        if (c != '{' && c != '[' || depth >= MAX_DEPTH) {
            return -1;
        }
        boolean object = c == '{';
        byte close = (byte) (object ? '}' : ']');
        i = skipSpace(b, i + 1, end);
        if (i < end && b[i] == close) {
            return i + 1;
        }
        while (true) {
            if (object) {
                if (i >= end || b[i] != '"') {
                    return -1;
                }
                i = skipString(b, i + 1, end, inSchema);
                if (i < 0) {
                    return -1;
                }
                i = skipSpace(b, i, end);
                if (i >= end || b[i] != ':') {
                    return -1;
                }
                i = skipSpace(b, i + 1, end);
            }
            i = skipValue(b, i, end, inSchema, depth + 1);
            if (i < 0) {
                return -1;
            }
            i = skipSpace(b, i, end);
            if (i >= end) {
                return -1;
            }
            if (b[i] == close) {
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i = skipSpace(b, i + 1, end);
        }
    }

    private int skipString(byte[] b, int start, int end, boolean inSchema) {
        int close = stringEnd(b, start, end);
        if (close < 0) {
            return -1;
        }
        if (inSchema && escapes && Utf8Text.hasLoneSurrogate(unescape(b, start, close))) {
            return -1;
        }
        return close + 1;
    }

    /** The column of a field name, trying the one after the last match first (fields usually come in order). */
    private int column(byte[] b, int off, int len) {
        int n = names.length;
        for (int k = 1; k <= n; k++) {
            int c = lastColumn + k;
            if (c >= n) {
                c -= n;
            }
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
