package dev.eddy.sql.diff;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How a generated CSV file of {@link FormatCase} is written and read: the separator, quote, escape (the backslash,
 * the quote or another character), {@code charToEscapeQuoteEscaping} (named with its default value), {@code nullValue}, {@code emptyValue}, white-space and {@code multiLine} options (each
 * mostly Spark's default), and fields that are now and then quoted, hold the separator, quotes, escapes, blanks, line
 * breaks (multiLine), the null text or nothing, are written the other escaping way (doubled quotes under a backslash
 * escape), hold a stray quote, or are missing or extra (another number of fields).
 */
record CsvStyle(
        char sep, char quote, char escape, char escapeOfEscape, String nullValue, boolean multiLine, boolean trims) {
    private static final List<String> NAMES = List.of(
            "a%sb",
            "say %qhi%q", "back\\slash", "end\\", "", " padded ", "%n", "%e%q", "x%q", "tab\there", "comma,semi;bar|");

    static CsvStyle draw(Random rnd, Map<String, String> options) {
        char sep = ',';
        int k = rnd.nextInt(8);
        if (k == 0) {
            sep = ';';
        } else if (k == 1) {
            sep = '\t';
        } else if (k == 2) {
            sep = '|';
        }
        if (sep != ',') {
            options.put("sep", sep == '\t' ? "\\t" : String.valueOf(sep));
        }
        char quote = '"';
        if (rnd.nextInt(8) == 0) {
            quote = '\'';
            options.put("quote", "'");
        }
        char escape = '\\';
        if (rnd.nextInt(4) == 0) {
            escape = quote; // RFC 4180's doubled quote
            options.put("escape", String.valueOf(quote));
        } else if (rnd.nextInt(10) == 0) {
            escape = '^';
            options.put("escape", "^");
        }
        char escapeOfEscape = escape == quote ? '\0' : escape;
        if (escape != quote && rnd.nextInt(10) == 0) {
            // its default, named (another character is read two ways by Spark's tokenizer: sql/README.md)
            options.put("charToEscapeQuoteEscaping", String.valueOf(escape));
        }
        String nullValue = "";
        int n = rnd.nextInt(6);
        if (n == 0) {
            nullValue = "NA";
            options.put("nullValue", nullValue);
        } else if (n == 1) {
            nullValue = "\\N";
            options.put("nullValue", nullValue);
        }
        if (rnd.nextInt(6) == 0) {
            options.put("emptyValue", rnd.nextBoolean() ? "EMPTY" : "");
        }
        boolean trims = false;
        if (rnd.nextInt(6) == 0) {
            options.put("ignoreLeadingWhiteSpace", "true");
            trims = true;
        }
        if (rnd.nextInt(6) == 0) {
            options.put("ignoreTrailingWhiteSpace", "true");
            trims = true;
        }
        boolean multiLine = rnd.nextInt(6) == 0;
        if (multiLine) {
            options.put("multiLine", "true");
        }
        return new CsvStyle(sep, quote, escape, escapeOfEscape, nullValue, multiLine, trims);
    }

    /** A name's text holding the characters that need quoting or escaping. */
    String name(Random rnd, int r) {
        String t = NAMES.get(rnd.nextInt(NAMES.size()))
                .replace("%s", String.valueOf(sep))
                .replace("%q", String.valueOf(quote))
                .replace("%e", String.valueOf(escape))
                .replace("%n", nullValue.isEmpty() ? "NA" : nullValue);
        if (multiLine && rnd.nextInt(3) == 0) {
            t = t + "\nline" + r;
        }
        return t;
    }

    /** One record: each field quoted now and then (always when it must be), now and then one field too few or many. */
    String record(Random rnd, String name, String d, String t, String n) {
        StringBuilder b = new StringBuilder();
        field(rnd, b, name);
        for (String v : new String[] {d, t, n}) {
            b.append(sep);
            field(rnd, b, v);
        }
        int k = rnd.nextInt(25);
        if (k == 0) {
            int cut = b.lastIndexOf(String.valueOf(sep));
            if (cut >= 0 && b.indexOf("\n") < 0) {
                b.setLength(cut); // a field too few
            }
        } else if (k == 1) {
            b.append(sep).append("extra"); // a field too many
        }
        return b.toString();
    }

    private void field(Random rnd, StringBuilder b, String v) {
        if (v == null) {
            return; // empty: NULL
        }
        boolean must = v.isEmpty()
                || v.indexOf(sep) >= 0
                || v.indexOf('\n') >= 0
                || (!v.isEmpty() && v.charAt(0) == quote)
                || (trims && !v.equals(v.strip()) && !v.isBlank());
        int k = rnd.nextInt(10);
        if (trims && !v.isEmpty() && v.isBlank()) {
            // quoted blanks with ignoreTrailingWhiteSpace crash Spark's tokenizer (sql/README.md, Known differences)
            b.append(v);
            return;
        }
        if (!must && k < 7) {
            b.append(v); // unquoted, as it is
            return;
        }
        if (v.isEmpty() && k == 9) {
            return; // an empty string written unquoted: NULL as well
        }
        boolean other = k == 8 && escape != quote && !multiLine; // doubled quotes where a backslash escapes them
        b.append(quote);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == quote) {
                b.append(other ? quote : escape);
            } else if (c == escape && escapeOfEscape != '\0' && !other) {
                b.append(escapeOfEscape);
            }
            b.append(c);
        }
        b.append(quote);
    }
}
