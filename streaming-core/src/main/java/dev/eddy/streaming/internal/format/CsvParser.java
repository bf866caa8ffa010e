package dev.eddy.streaming.internal.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by one character, optionally quoted; a doubled quote inside quotes is a
 * quote; a quoted field may hold separators and line breaks. An empty unquoted field is null, a quoted empty
 * field is the empty string. A record with the wrong number of fields, an unclosed quote or text after a
 * closing quote is corrupt.
 */
public final class CsvParser {
    private final CsvOptions options;
    private final List<String> fields = new ArrayList<>();
    private final byte[] nullValueBytes;
    private final DatetimeOptions datetimes;

    public CsvParser(CsvOptions options) {
        this.options = options;
        this.nullValueBytes = options.nullValue().getBytes(StandardCharsets.UTF_8);
        this.datetimes = options.datetimes();
    }

    public CsvOptions options() {
        return options;
    }

    /** True when the text ends outside quotes, i.e. a record that began there is complete. */
    public static boolean isComplete(CharSequence text, char quote) {
        int quotes = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == quote) {
                quotes++;
            }
        }
        return quotes % 2 == 0;
    }

    /** Splits one record into {@code out} (cleared first); false if the record is malformed. */
    public boolean split(String record, List<String> out) {
        out.clear();
        char sep = options.separator();
        char q = options.quote();
        char esc = options.escape();
        int i = 0;
        int n = record.length();
        while (true) {
            if (i < n && record.charAt(i) == q) {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        return false; // unclosed quote
                    }
                    char c = record.charAt(i++);
                    if (c == esc && i < n && (record.charAt(i) == q || (esc != q && record.charAt(i) == esc))) {
                        sb.append(record.charAt(i++)); // an escaped quote (doubled, by default) or escape
                    } else if (c == q) {
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                out.add(nullIfNullValue(sb.toString()));
                if (i < n && record.charAt(i) != sep) {
                    return false; // text after the closing quote
                }
            } else {
                int end = record.indexOf(sep, i);
                if (end < 0) {
                    end = n;
                }
                String raw = record.substring(i, end);
                if (raw.indexOf(q) >= 0) {
                    return false; // a quote inside an unquoted field
                }
                out.add(raw.isEmpty() ? null : nullIfNullValue(raw));
                i = end;
            }
            if (i >= n) {
                return true;
            }
            i++; // the separator
        }
    }

    /** Null for a field whose text is the {@code nullValue} option (an empty one only stands for empty fields). */
    private String nullIfNullValue(String field) {
        return !options.nullValue().isEmpty() && options.nullValue().equals(field) ? null : field;
    }

    /**
     * Parses a record into the row's typed slots; false (row partly filled) if it is corrupt. A record without
     * quotes is read in place: integer fields straight from their characters, other fields as substrings; the
     * result is the same as {@link #parseBySplitting}, which quoted records take.
     */
    public boolean parse(String record, ParsedRow row) {
        String r = stripCr(record);
        if (r.indexOf(options.quote()) >= 0) {
            return parseBySplitting(record, row);
        }
        row.reset();
        char sep = options.separator();
        int n = r.length();
        int start = 0;
        for (int c = 0; c < row.size(); c++) {
            int end = r.indexOf(sep, start);
            if (end < 0) {
                if (c != row.size() - 1) {
                    return wrongShape(row); // too few fields
                }
                end = n;
            } else if (c == row.size() - 1) {
                return wrongShape(row); // too many fields
            }
            if (end > start && !field(r, start, end, c, row)) {
                row.partial = true; // the field is left null; the others are still read
            }
            start = end + 1;
        }
        return !row.partial;
    }

    private boolean field(String r, int start, int end, int col, ParsedRow row) {
        String nullValue = options.nullValue();
        if (!nullValue.isEmpty() && end - start == nullValue.length() && r.startsWith(nullValue, start)) {
            return true; // left null
        }
        ValueType t = row.type(col);
        if (t == ValueType.INT || t == ValueType.LONG) {
            long v = plainInteger(r, start, end);
            if (v != Long.MIN_VALUE && (t == ValueType.LONG || (int) v == v)) {
                row.longs[col] = v;
                row.isSet[col] = true;
                return true;
            }
        }
        return row.setText(col, r.substring(start, end), datetimes);
    }

    /**
     * The fast path over one record's bytes {@code b[off, off+len)} (a line without its line break): a record of ASCII
     * bytes with no quote is read straight into the row, integers, plain decimals and booleans from the bytes, other
     * values from a String of their own bytes only. True when it read the record and {@link #parse(String, ParsedRow)}
     * of its text would give the same values; false (the row may hold partial values) when the caller must decode the
     * text and use {@link #parse(String, ParsedRow)}, which alone decides what is corrupt. Not thread-safe.
     */
    public boolean parseFast(byte[] b, int off, int len, ParsedRow row) {
        row.reset();
        return parseFast(b, off, len, row.types(), row);
    }

    /**
     * The same straight into {@code out}'s columns {@code [0, types.length)} (a batch's, with no intermediate row): a
     * null field is left unset. False: the caller clears what this set and takes the text path.
     */
    public boolean parseFast(byte[] b, int off, int len, ValueType[] types, ValueSink out) {
        char sep = options.separator();
        char q = options.quote();
        if (sep >= 0x80 || q >= 0x80) {
            return false;
        }
        int end = off + len;
        if (end > off && b[end - 1] == '\r') {
            end--; // as stripCr
        }
        int width = types.length;
        int start = off;
        int c = 0;
        for (int i = off; i <= end; i++) {
            byte x = i < end ? b[i] : (byte) sep;
            if (x < 0 || x == q) {
                return false; // non-ASCII or quoted: decode the text first
            }
            if (x != sep) {
                continue;
            }
            if (c >= width || (i < end && c == width - 1)) {
                return false; // too many fields (corrupt: the text path says so)
            }
            if (i > start && !fieldBytes(b, start, i, c, types[c], out)) {
                return false;
            }
            c++;
            start = i + 1;
        }
        return c == width;
    }

    private boolean fieldBytes(byte[] b, int start, int end, int col, ValueType type, ValueSink out) {
        byte[] nullValue = nullValueBytes;
        if (nullValue.length > 0 && Arrays.equals(b, start, end, nullValue, 0, nullValue.length)) {
            return true; // left null
        }
        switch (type) {
            case INT, LONG -> {
                long v = plainInteger(b, start, end);
                if (v != Long.MIN_VALUE && (type == ValueType.LONG || (int) v == v)) {
                    out.setLong(col, v);
                    return true;
                }
            }
            case DOUBLE -> {
                if (plainDecimal(b, start, end, out, col)) {
                    return true;
                }
            }
            case BOOLEAN -> {
                if (word(b, start, end, "true") || word(b, start, end, "false")) {
                    out.setBoolean(col, end - start == 4);
                    return true;
                }
            }
            default -> {}
        }
        return ParsedRow.setText(
                out, col, type, new String(b, start, end - start, StandardCharsets.ISO_8859_1), datetimes);
    }

    private static long plainInteger(byte[] b, int start, int end) {
        int i = start;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (end - i < 1 || end - i > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < end; i++) {
            byte ch = b[i];
            if (ch < '0' || ch > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (ch - '0');
        }
        return negative ? -v : v;
    }

    /**
     * {@code -?digits[.digits]} with at most 15 digits and 22 after the point: both the digits as a whole number and
     * the power of ten are exact doubles, so one division rounds correctly, as {@link Double#parseDouble} does.
     */
    private static boolean plainDecimal(byte[] b, int start, int end, ValueSink out, int col) {
        int i = start;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long m = 0;
        int digits = 0;
        int point = -1;
        for (; i < end; i++) {
            byte ch = b[i];
            if (ch == '.' && point < 0) {
                point = i;
            } else if (ch >= '0' && ch <= '9') {
                m = m * 10 + (ch - '0');
                digits++;
            } else {
                return false;
            }
        }
        int fraction = point < 0 ? 0 : end - point - 1;
        if (digits == 0 || digits > 15 || fraction > 22) {
            return false;
        }
        double v = (double) m / POWERS_OF_TEN[fraction];
        out.setDouble(col, negative ? -v : v);
        return true;
    }

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10; // exact up to 1e22
        }
    }

    /** The bytes are the word, ignoring ASCII case. */
    private static boolean word(byte[] b, int start, int end, String w) {
        if (end - start != w.length()) {
            return false;
        }
        for (int k = 0; k < w.length(); k++) {
            if ((b[start + k] | 0x20) != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** An optionally negative run of 1 to 18 ASCII digits, or Long.MIN_VALUE for anything else. */
    private static long plainInteger(String r, int start, int end) {
        int i = start;
        boolean negative = r.charAt(i) == '-';
        if (negative) {
            i++;
        }
        if (end - i < 1 || end - i > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < end; i++) {
            char ch = r.charAt(i);
            if (ch < '0' || ch > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (ch - '0');
        }
        return negative ? -v : v;
    }

    /** The reference way: split into field strings, then convert each. */
    boolean parseBySplitting(String record, ParsedRow row) {
        row.reset();
        if (!split(stripCr(record), fields) || fields.size() != row.size()) {
            return false;
        }
        for (int c = 0; c < fields.size(); c++) {
            if (!row.setText(c, fields.get(c), datetimes)) {
                row.partial = true; // the field is left null; the others are still read
            }
        }
        return !row.partial;
    }

    /** A record whose fields cannot be told apart: nothing of it is kept. */
    private static boolean wrongShape(ParsedRow row) {
        row.reset();
        return false;
    }

    /** Column names from a header record; blank or duplicate names become {@code _c<i>}. */
    public List<String> headerNames(String record) {
        if (!split(stripCr(record), fields)) {
            throw new IllegalArgumentException("CSV header is malformed: " + record);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i) == null ? "" : fields.get(i).trim();
            names.add(f.isEmpty() || names.contains(f) ? "_c" + i : f);
        }
        return names;
    }

    static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
