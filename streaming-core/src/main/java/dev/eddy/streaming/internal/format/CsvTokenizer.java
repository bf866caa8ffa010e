package dev.eddy.streaming.internal.format;

import java.util.List;

/**
 * Splits one CSV record into its fields exactly as Spark 4's CSV reader does: the univocity tokenizer under the
 * settings Spark gives it (unescaped quotes kept up to the separator, no comment character, trailing blanks dropped
 * only with {@code ignoreTrailingWhiteSpace}, the null text for an empty unquoted field, {@code emptyValue} for
 * {@code ""}). It is written as the same character machine, one current character and the one before it, because
 * its edge cases follow from the order of its steps rather than from a rule one could state: a closing quote
 * followed by the escape ({@code "a"\b} is {@code a"\b}), by blanks and then a quote ({@code "a" b"c}), the escape
 * of the escape before other characters, a blank-only last field with {@code ignoreLeadingWhiteSpace}, and its two
 * shortcuts (a field with no quote or escape inside, an unquoted field not at the end of the text) whose results
 * can differ from the long way. White space is any character up to the blank, {@code \0} included.
 *
 * <p>A record is the text up to a line break outside a quoted field ({@code \n}; with {@code multiLine} a quoted
 * field may hold line breaks) or to the end of the text, which ends a quoted field that never closes. {@link
 * #tokenize} returns false where Spark's tokenizer fails the whole read instead of giving fields: with {@code
 * ignoreTrailingWhiteSpace} an unquoted field of blanks that are not preceded by another character in the record
 * (Spark: an index out of bounds). Not thread-safe; one instance per reader.
 */
final class CsvTokenizer {
    private static final char NEW_LINE = '\n';
    /** Where the text ends; thrown (without a stack) from {@link #next} and caught in {@link #tokenize}. */
    private static final Signal END = new Signal("end of the record's text");

    private final char sep;
    private final char quote;
    private final char escape;
    private final char escapeOfEscape;
    private final boolean leading;
    private final boolean trailing;
    private final String nullValue;
    private final String emptyValue;

    private String s;
    private int n;
    /** The index of the next character to read. */
    private int at;
    /** The character read last, as the reader holds it (the shortcuts read ahead of {@link #ch}). */
    private char read;

    private char ch;
    private char prev;
    private boolean unescaped;
    /** Whether the field's trailing white space is dropped when it ends the long way. */
    private boolean trim;
    /** Whether the last {@link #tokenize} ran out of text before a line break ended the record. */
    private boolean ranOut;

    private final StringBuilder value = new StringBuilder();
    private final StringBuilder blanks = new StringBuilder();
    private List<String> out;

    CsvTokenizer(CsvOptions options) {
        this.sep = options.separator();
        this.quote = options.quote();
        this.escape = options.escape();
        this.escapeOfEscape = options.escapeOfEscape();
        this.leading = options.ignoreLeadingWhiteSpace();
        this.trailing = options.ignoreTrailingWhiteSpace();
        this.nullValue = options.nullValue();
        this.emptyValue = options.emptyValue();
    }

    /**
     * The fields of the record that starts at {@code from} in {@code text} into {@code out} (cleared first), the
     * null text as it is (the caller maps it to NULL); returns the index after the record (after its line break, or
     * the text's length). An empty record gives no fields.
     */
    int tokenize(String text, int from, List<String> fields) {
        fields.clear();
        s = text;
        n = text.length();
        at = from;
        out = fields;
        value.setLength(0);
        trim = false;
        ranOut = false;
        ch = prev = '\0';
        unescaped = false;
        if (at >= n) {
            return n;
        }
        try {
            ch = next();
            record();
            return at; // ended at a line break, which was read
        } catch (Signal end) {
            ranOut = true; // the text ended inside the record
        }
        atEnd();
        return n;
    }

    /**
     * Whether the last {@link #tokenize} ran out of text before a line break ended the record: given the text of
     * lines and the line break after them, the record goes on on the next line (with {@code multiLine}).
     */
    boolean ranOut() {
        return ranOut;
    }

    private char next() {
        if (at >= n) {
            throw END;
        }
        read = s.charAt(at++);
        return read;
    }

    private static boolean white(char c) {
        return c <= ' ';
    }

    private void record() {
        while (ch != NEW_LINE) {
            if (leading && white(ch)) {
                skipWhite();
            }
            if (ch == sep || ch == NEW_LINE) {
                out.add(nullValue);
            } else {
                unescaped = false;
                prev = '\0';
                if (ch == quote) {
                    String v = quotedShortcut();
                    if (v != null) {
                        out.add(v.isEmpty() ? emptyValue : v);
                        ch = next(); // the separator or line break after the closing quote
                        if (ch == sep) {
                            if (at >= n) {
                                out.add(nullValue); // the text ends after the separator: an empty last field
                                return;
                            }
                            ch = next();
                            if (ch == NEW_LINE) {
                                out.add(nullValue);
                            }
                        }
                        continue;
                    }
                    trim = false;
                    quoted();
                    field();
                } else {
                    String v = unquotedShortcut();
                    if (v != null) {
                        out.add(v);
                        ch = read;
                    } else {
                        trim = trailing;
                        ch = appendUntil(ch, sep, NEW_LINE);
                        field();
                    }
                }
            }
            if (ch != NEW_LINE) {
                ch = next();
                if (ch == NEW_LINE) {
                    out.add(nullValue);
                }
            }
        }
    }

    /** Skips white space up to the separator, a line break or the quote. */
    private void skipWhite() {
        while (white(ch) && ch != sep && ch != NEW_LINE && ch != quote) {
            ch = next();
        }
    }

    /** The field so far, its trailing white space dropped when {@link #trim}; {@code emptyValue} when nothing is left. */
    private void field() {
        int len = value.length();
        if (trim) {
            while (len > 0 && white(value.charAt(len - 1))) {
                len--;
            }
        }
        out.add(len == 0 ? emptyValue : value.substring(0, len));
        value.setLength(0);
    }

    private char appendUntil(char c, char stop1, char stop2) {
        while (c != stop1 && c != stop2) {
            value.append(c);
            c = next();
        }
        return c;
    }

    private char appendUntil(char c, char stop1, char stop2, char stop3) {
        while (c != stop1 && c != stop2 && c != stop3) {
            value.append(c);
            c = next();
        }
        return c;
    }

    /**
     * The shortcut for an unquoted field that ends before the text does: its text up to the separator or line
     * break, trailing white space dropped with {@code ignoreTrailingWhiteSpace} by walking back from the separator
     * (past the field's start when the field is all blanks: Spark's tokenizer fails when that walk runs off the
     * record's start); null when the field runs to the end of the text (the long way takes it).
     */
    private String unquotedShortcut() {
        if (at >= n) {
            return null;
        }
        int k = at;
        char c = ch;
        while (c != sep) {
            if (k >= n) {
                return null;
            }
            if (c == NEW_LINE) {
                break;
            }
            c = s.charAt(k++);
        }
        int start = at - 1;
        int len = k - at;
        at = k - 1;
        if (trailing) {
            // walks back from the separator, past the field's start when it is all blanks (where Spark's walk runs
            // off the record's start, its read fails: Eddy stops there)
            for (int j = k - 2; j >= 0 && white(s.charAt(j)); j--) {
                len--;
            }
        }
        String v = len <= 0 ? nullValue : s.substring(start, start + len);
        next(); // the separator or line break
        return v;
    }

    /**
     * The shortcut for a quoted field (the opening quote is {@link #ch}) that has neither the escape before the
     * quote or the escape's escape nor a line break, and whose closing quote is followed by the separator or a line
     * break: its text as it is, "" when empty; null otherwise (the long way takes it). Reads up to the closing
     * quote.
     */
    private String quotedShortcut() {
        if (at >= n) {
            return null;
        }
        int k = at;
        while (true) {
            if (k >= n) {
                return null;
            }
            char c = s.charAt(k);
            if (c == quote) {
                if (s.charAt(k - 1) == escape) {
                    return null;
                }
                if (k + 1 < n) {
                    char after = s.charAt(k + 1);
                    if (after == sep || after == NEW_LINE) {
                        break;
                    }
                }
                return null;
            } else if (c == escape) {
                if (k + 1 < n) {
                    char after = s.charAt(k + 1);
                    if (after == quote || after == escapeOfEscape) {
                        return null;
                    }
                }
            } else if (c == NEW_LINE) {
                return null;
            }
            k++;
        }
        String v = k == at ? "" : s.substring(at, k);
        at = k + 1;
        return v;
    }

    /** The long way for a quoted field; {@link #ch} is its opening quote (or, after an unescaped quote, the text). */
    private void quoted() {
        if (prev != '\0') {
            // after an unescaped quote: the field is the text so far between quotes, then all up to the separator
            value.insert(0, quote);
            ch = next();
            trim = trailing;
            ch = appendUntil(ch, sep, NEW_LINE);
            return;
        }
        ch = next();
        while (true) {
            if (prev == quote && (white(ch) || ch == sep || ch == NEW_LINE)) {
                break;
            }
            if (ch != quote && ch != escape) {
                if (prev == quote) {
                    unescapedQuote();
                    return;
                }
                if (prev == escape && escape != '\0') {
                    value.append(escape);
                }
                ch = appendUntil(ch, quote, escape, escapeOfEscape);
                prev = ch;
                ch = next();
            } else {
                quoteOrEscape();
                prev = ch;
                ch = next();
                if (unescaped && (ch == sep || ch == NEW_LINE)) {
                    return;
                }
            }
        }
        if (ch != sep && ch != NEW_LINE && white(ch)) {
            blanks.setLength(0);
            do {
                blanks.append(ch);
                ch = next();
                if (ch == NEW_LINE) {
                    return;
                }
            } while (white(ch) && ch != sep);
            if (ch != sep) {
                // text after the blanks: the quote and the blanks go back in, and the field goes on from here
                value.append(quote).append(blanks);
                value.append(ch);
                prev = ch;
                quoted();
            }
        }
    }

    /** A closing quote followed by other text: the quote is text, and so is all after it up to the separator. */
    private void unescapedQuote() {
        unescaped = true;
        value.append(quote).append(ch);
        prev = ch;
        quoted();
    }

    /** {@link #ch} is the quote or the escape inside a quoted field (or, unquoted, after an unescaped quote). */
    private void quoteOrEscape() {
        if (ch == escape && prev == escapeOfEscape && escapeOfEscape != '\0') {
            value.append(escape);
            ch = '\0';
        } else if (prev == escape) {
            if (ch == quote) {
                value.append(quote);
                ch = '\0';
            } else {
                value.append(prev);
            }
        } else if (ch == quote && prev == quote) {
            value.append(quote);
        } else if (prev == quote) {
            value.append(quote);
            prev = ch;
            unquotedWithEscapes();
        }
    }

    /** After a closing quote directly followed by the escape: the rest up to the separator, escapes still read. */
    private void unquotedWithEscapes() {
        while (ch != sep && ch != NEW_LINE) {
            if (ch != quote && ch != escape) {
                if (prev == quote) {
                    value.append(quote);
                    prev = ch;
                    unquotedWithEscapes();
                    return;
                }
                value.append(ch);
            } else {
                quoteOrEscape();
            }
            prev = ch;
            ch = next();
        }
    }

    /** The text ended inside a field (or after a separator): what Spark's tokenizer makes of the last field. */
    private void atEnd() {
        boolean take;
        if (ch == quote && prev == quote) {
            take = true;
        } else {
            if (ch == quote && !unescaped) {
                value.append(quote);
            }
            take = prev != '\0'
                    && ch != sep
                    && ch != NEW_LINE
                    && ch != '#'; // (the comment character, though comments are off)
        }
        if (value.length() > 0 || take) {
            field();
        } else {
            out.add(nullValue);
        }
    }

    /** A preallocated exception without a stack: how the machine leaves its nested steps at once. */
    private static final class Signal extends RuntimeException {
        Signal(String message) {
            super(message, null, false, false);
        }
    }
}
