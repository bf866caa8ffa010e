package dev.eddy.sql.diff;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How a generated CSV file of {@link FormatCase} is written and read: the separator, quote, escape (the backslash,
 * the quote or another character), {@code charToEscapeQuoteEscaping} (its default named, or another character),
 * {@code nullValue}, {@code emptyValue}, white-space and {@code multiLine} options (each mostly Spark's default), and
 * fields that are now and then quoted, hold the separator, quotes, escapes, blanks, line breaks (multiLine), the null
 * text or nothing, are written the other escaping way (doubled quotes under a backslash escape), hold a stray quote,
 * are in a shape Spark's tokenizer reads its own way ({@link #quirkyName}, a blank-only last field after a quoted one
 * with {@code ignoreLeadingWhiteSpace}), or are missing or extra (another number of fields); in a tenth of the files
 * a third of the records are random pieces ({@link #randomRecord}).
 */
record CsvStyle(
        char sep,
        char quote,
        char escape,
        char escapeOfEscape,
        String nullValue,
        boolean multiLine,
        boolean trims,
        boolean leading,
        boolean raw) {
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
        int e = rnd.nextInt(10);
        if (escape != quote && e == 0) {
            options.put("charToEscapeQuoteEscaping", String.valueOf(escape)); // its default, named
        } else if (e == 1 || e == 2) {
            // another character: before anything but the escape Spark's tokenizer keeps it or drops it by position
            escapeOfEscape = pickOther(rnd, "^#~", sep, quote, escape);
            options.put("charToEscapeQuoteEscaping", String.valueOf(escapeOfEscape));
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
        boolean leading = false;
        if (rnd.nextInt(6) == 0) {
            options.put("ignoreLeadingWhiteSpace", "true");
            trims = true;
            leading = true;
        }
        if (rnd.nextInt(6) == 0) {
            options.put("ignoreTrailingWhiteSpace", "true");
            trims = true;
        }
        boolean multiLine = rnd.nextInt(6) == 0;
        if (multiLine) {
            options.put("multiLine", "true");
        }
        // a tenth of the files: records made of random pieces (quotes, escapes, separators, blanks) now and then
        boolean raw = rnd.nextInt(10) == 0;
        return new CsvStyle(sep, quote, escape, escapeOfEscape, nullValue, multiLine, trims, leading, raw);
    }

    private static char pickOther(Random rnd, String from, char... not) {
        while (true) {
            char c = from.charAt(rnd.nextInt(from.length()));
            if (String.valueOf(not).indexOf(c) < 0) {
                return c;
            }
        }
    }

    /** A record of random pieces: the quote, the escape, its escape, the separator, blanks, a tab, letters. */
    String randomRecord(Random rnd) {
        String[] pieces = {
            String.valueOf(quote),
            String.valueOf(escape),
            String.valueOf(escapeOfEscape == '\0' ? 'z' : escapeOfEscape),
            String.valueOf(sep),
            " ",
            "  ",
            "\t",
            "a",
            "7",
            "r"
        };
        StringBuilder b = new StringBuilder();
        int len = 1 + rnd.nextInt(14);
        for (int k = 0; k < len; k++) {
            b.append(pieces[rnd.nextInt(pieces.length)]);
        }
        return b.toString();
    }

    /**
     * A name field in one of the shapes Spark's tokenizer reads in its own way: a closing quote directly followed by
     * the escape ({@code "a"\b}), a quote after blanks after a closing quote ({@code "a" b"c}), the escape's escape
     * before other characters, quoted blanks.
     */
    String quirkyName(Random rnd, int r) {
        String q = String.valueOf(quote);
        return switch (rnd.nextInt(5)) {
            case 0 -> q + "n" + r + q + escape + "b";
            case 1 -> q + "n" + r + q + " b" + q + "c";
            case 2 ->
                escapeOfEscape == '\0'
                        ? q + "n" + r + q + escape + "b"
                        : q + "n" + escapeOfEscape + r + escapeOfEscape + escape + escapeOfEscape + q + q;
            case 3 -> q + " ".repeat(1 + rnd.nextInt(2)) + q;
            default -> q + "n" + r + q + "  " + escape + q + "x";
        };
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
        if (raw && rnd.nextInt(3) == 0) {
            return randomRecord(rnd);
        }
        StringBuilder b = new StringBuilder();
        if (rnd.nextInt(10) == 0) {
            b.append(quirkyName(rnd, rnd.nextInt(100)));
        } else {
            field(rnd, b, name);
        }
        // with ignoreLeadingWhiteSpace now and then a blank-only last field after a quoted field
        boolean blankLast = leading && rnd.nextInt(6) == 0;
        String[] values = {d, t, n};
        for (int k = 0; k < values.length; k++) {
            b.append(sep);
            if (blankLast && k == 1) {
                b.append(quote).append(t == null ? "" : t).append(quote);
            } else if (blankLast && k == 2) {
                b.append(" ".repeat(1 + rnd.nextInt(2)));
            } else {
                field(rnd, b, values[k]);
            }
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
