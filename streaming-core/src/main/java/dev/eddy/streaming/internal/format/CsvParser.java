package dev.eddy.streaming.internal.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CSV records read as Spark reads them, with Spark's options ({@link CsvOptions}): {@link CsvTokenizer} splits a
 * record into fields as Spark's tokenizer does; this class turns fields into typed values. Nothing makes a record
 * malformed in the tokenizer: a field is NULL when its text is the {@code nullValue} (an empty unquoted field
 * always), a quoted empty field {@code ""} reads as {@code emptyValue}; a record with another number of fields than
 * the schema's is malformed but keeps the values it has (Spark's partial result). Records without quotes (and
 * without the white-space options) are read in place, from their text or their bytes, with the same result.
 */
public final class CsvParser {
    private final CsvOptions options;
    private final List<String> fields = new ArrayList<>();
    private final byte[] nullValueBytes;
    private final DatetimeOptions datetimes;
    private final char sep;
    private final char quote;
    private final CsvTokenizer tokenizer;
    private final List<String> scratch = new ArrayList<>();

    public CsvParser(CsvOptions options) {
        this.options = options;
        this.nullValueBytes = options.nullValue().getBytes(StandardCharsets.UTF_8);
        this.datetimes = options.datetimes();
        this.sep = options.separator();
        this.quote = options.quote();
        this.tokenizer = new CsvTokenizer(options);
    }

    public CsvOptions options() {
        return options;
    }

    /**
     * True when a line break after the text does not end the record (with {@code multiLine} the record goes on on
     * the next line): Spark's tokenizer reads the line break as text, inside a quoted field (or in its quirks, e.g.
     * after a closing quote followed by the escape, which reads on to the next quote).
     */
    public boolean endsInsideQuotes(String text) {
        tokenizer.tokenize(text + "\n", 0, scratch);
        return tokenizer.ranOut();
    }

    /** Splits one record into {@code out} (cleared first): its fields' texts, NULL where Spark reads NULL. */
    public boolean split(String record, List<String> out) {
        tokenizer.tokenize(record, 0, out);
        String nullValue = options.nullValue();
        for (int i = 0; i < out.size(); i++) {
            if (nullValue.equals(out.get(i))) {
                out.set(i, null); // Spark's rule: a field whose text is the nullValue is NULL
            }
        }
        return true;
    }

    /**
     * Parses a record into the row's typed slots; false (row partly filled) if it is corrupt: a value that does not
     * convert, or another number of fields than the row's (the fields there are are still read, the missing ones
     * left null: Spark's partial result). A record without quotes is read in place: integer fields straight from
     * their characters, other fields as substrings; the result is the same as {@link #parseBySplitting}, which
     * quoted records (and trimmed ones) take.
     */
    public boolean parse(String record, ParsedRow row) {
        String r = stripCr(record);
        if (r.indexOf(quote) >= 0 || options.trims()) {
            return parseBySplitting(record, row);
        }
        row.reset();
        int n = r.length();
        int start = 0;
        for (int c = 0; c < row.size(); c++) {
            if (start > n) {
                row.partial = true; // too few fields: the rest stay null
                break;
            }
            int end = r.indexOf(sep, start);
            if (end < 0) {
                end = n;
            }
            if (end > start && !field(r, start, end, c, row)) {
                row.partial = true; // the field is left null; the others are still read
            }
            start = end + 1;
        }
        if (start <= n) {
            row.partial = true; // too many fields: the extra ones are not read
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
        char q = quote;
        if (sep >= 0x80 || q >= 0x80 || options.trims()) {
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
        split(stripCr(record), fields);
        int width = Math.min(fields.size(), row.size());
        for (int c = 0; c < width; c++) {
            String f = fields.get(c);
            if (f != null && f.isEmpty() && row.type(c) != ValueType.STRING) {
                row.partial = true; // "" that is not the nullValue: Spark converts it, and no number or time is ""
                continue;
            }
            if (!row.setText(c, f, datetimes)) {
                row.partial = true; // the field is left null; the others are still read
            }
        }
        if (fields.size() != row.size()) {
            row.partial = true; // another number of fields: malformed, with the values it has (Spark's partial row)
        }
        return !row.partial;
    }

    /**
     * Column names from a header record, as Spark makes them: the fields as they are; an empty or NULL one is {@code
     * _c<i>}; names that occur more than once (ignoring case) all get their index appended ({@code id0}, {@code id3}).
     */
    public List<String> headerNames(String record) {
        split(stripCr(record), fields);
        List<String> lower = new ArrayList<>();
        for (String f : fields) {
            lower.add(f == null ? null : f.toLowerCase(Locale.ROOT));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (f == null || f.isEmpty()) {
                names.add("_c" + i);
            } else if (lower.indexOf(lower.get(i)) != lower.lastIndexOf(lower.get(i))) {
                names.add(f + i);
            } else {
                names.add(f);
            }
        }
        return names;
    }

    static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
