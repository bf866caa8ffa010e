package dev.eddy.streaming.internal.format;

import java.util.ArrayList;
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

    public CsvParser(CsvOptions options) {
        this.options = options;
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
                    if (c == q) {
                        if (i < n && record.charAt(i) == q) {
                            sb.append(q);
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                out.add(sb.toString());
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
                out.add(raw.isEmpty() ? null : raw);
                i = end;
            }
            if (i >= n) {
                return true;
            }
            i++; // the separator
        }
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
                    return false; // too few fields
                }
                end = n;
            } else if (c == row.size() - 1) {
                return false; // too many fields
            }
            if (end > start && !field(r, start, end, c, row)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean field(String r, int start, int end, int col, ParsedRow row) {
        ValueType t = row.type(col);
        if (t == ValueType.INT || t == ValueType.LONG) {
            long v = plainInteger(r, start, end);
            if (v != Long.MIN_VALUE && (t == ValueType.LONG || (int) v == v)) {
                row.longs[col] = v;
                row.isSet[col] = true;
                return true;
            }
        }
        return row.setText(col, r.substring(start, end));
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
            if (!row.setText(c, fields.get(c))) {
                return false;
            }
        }
        return true;
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
