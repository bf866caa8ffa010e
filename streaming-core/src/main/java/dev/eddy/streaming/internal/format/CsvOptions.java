package dev.eddy.streaming.internal.format;

import java.util.Locale;
import java.util.Map;

/**
 * CSV options, named as in Spark (option names are matched ignoring case) with Spark's defaults: {@code sep} (','),
 * {@code quote} ('"'), {@code header} (false), {@code escape} ('\\': {@code \"} inside quotes is a quote),
 * {@code charToEscapeQuoteEscaping} (the escape when it is not the quote: {@code \\} inside quotes is a
 * backslash), {@code nullValue} (text read as null; default "": an empty field), {@code emptyValue} (what a quoted
 * empty field {@code ""} reads as; default "", which is the default nullValue, so NULL), {@code
 * ignoreLeadingWhiteSpace} and {@code ignoreTrailingWhiteSpace} (false), {@code multiLine} (false: a record is one
 * line; true: a quoted field may hold line breaks), {@code mode} (PERMISSIVE, DROPMALFORMED or FAILFAST; default
 * PERMISSIVE) and {@code columnNameOfCorruptRecord} (default {@code _corrupt_record}); and for CSV and JSON alike
 * {@code dateFormat}, {@code timestampFormat} and {@code enableDateTimeParsingFallback} ({@link DatetimeOptions});
 * {@code preferDate} (true: schema inference takes text in the {@code dateFormat}, default {@code yyyy-MM-dd}, as a
 * DATE rather than a TIMESTAMP).
 * {@code charToEscapeQuoteEscaping} of {@code \0} means none.
 */
public record CsvOptions(
        char separator,
        char quote,
        boolean header,
        char escape,
        String nullValue,
        Mode mode,
        String corruptColumn,
        DatetimeOptions datetimes,
        char escapeOfEscape,
        String emptyValue,
        boolean ignoreLeadingWhiteSpace,
        boolean ignoreTrailingWhiteSpace,
        boolean multiLine,
        boolean preferDate) {
    public static final CsvOptions DEFAULT = new CsvOptions(',', '"', false);

    /** What a reader does with a malformed record (Spark's {@code mode}). */
    public enum Mode {
        /** Keep it: value columns null, its text in the corrupt-record column. */
        PERMISSIVE,
        /** Leave it out (it is still counted). */
        DROPMALFORMED,
        /** Stop with an error that names it. */
        FAILFAST;

        static Mode of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "option 'mode' must be PERMISSIVE, DROPMALFORMED or FAILFAST, got '" + text + "'");
            }
        }
    }

    public CsvOptions {
        if (nullValue == null || emptyValue == null || corruptColumn == null || mode == null || datetimes == null) {
            throw new IllegalArgumentException(
                    "CSV options nullValue, mode and columnNameOfCorruptRecord are required");
        }
    }

    public CsvOptions(char separator, char quote, boolean header) {
        this(
                separator,
                quote,
                header,
                '\\',
                "",
                Mode.PERMISSIVE,
                TextFormats.CORRUPT_RECORD,
                DatetimeOptions.DEFAULT,
                quote == '\\' ? '\0' : '\\',
                "",
                false,
                false,
                false,
                true);
    }

    public static CsvOptions from(Map<String, String> options) {
        char quote = oneChar(options, "quote", '"');
        char escape = oneChar(options, "escape", '\\');
        return new CsvOptions(
                oneChar(options, "sep", oneChar(options, "delimiter", ',')), // Spark's two names
                quote,
                bool(options, "header"),
                escape,
                option(options, "nullValue", ""),
                Mode.of(option(options, "mode", "PERMISSIVE")),
                option(options, "columnNameOfCorruptRecord", TextFormats.CORRUPT_RECORD),
                DatetimeOptions.of(
                        option(options, "dateFormat", null),
                        option(options, "timestampFormat", null),
                        option(options, "enableDateTimeParsingFallback", null)),
                oneChar(options, "charToEscapeQuoteEscaping", escape == quote ? '\0' : escape),
                option(options, "emptyValue", ""),
                bool(options, "ignoreLeadingWhiteSpace"),
                bool(options, "ignoreTrailingWhiteSpace"),
                bool(options, "multiLine"),
                bool(options, "preferDate", "true"));
    }

    private static boolean bool(Map<String, String> options, String name) {
        return bool(options, name, "false");
    }

    private static boolean bool(Map<String, String> options, String name, String dflt) {
        String v = option(options, name, dflt).trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("option '" + name + "' must be 'true' or 'false', got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** These options with {@code d} for dates and timestamps. */
    public CsvOptions withDatetimes(DatetimeOptions d) {
        Copy c = new Copy(this);
        c.datetimes = d;
        return c.build();
    }

    /** True when a record's fields may be trimmed (the in-place paths do not trim: they hand such records over). */
    public boolean trims() {
        return ignoreLeadingWhiteSpace || ignoreTrailingWhiteSpace;
    }

    /** The same options with another header flag. */
    public CsvOptions withHeader(boolean h) {
        Copy c = new Copy(this);
        c.header = h;
        return c.build();
    }

    /**
     * The one copy path of the withers: every component read from the options and written back, so a wither sets
     * only what it changes and a component added later is copied by all of them.
     */
    private static final class Copy {
        private final char separator;
        private final char quote;
        private boolean header;
        private final char escape;
        private final String nullValue;
        private final Mode mode;
        private final String corruptColumn;
        private DatetimeOptions datetimes;
        private final char escapeOfEscape;
        private final String emptyValue;
        private final boolean ignoreLeadingWhiteSpace;
        private final boolean ignoreTrailingWhiteSpace;
        private final boolean multiLine;
        private final boolean preferDate;

        Copy(CsvOptions o) {
            separator = o.separator;
            quote = o.quote;
            header = o.header;
            escape = o.escape;
            nullValue = o.nullValue;
            mode = o.mode;
            corruptColumn = o.corruptColumn;
            datetimes = o.datetimes;
            escapeOfEscape = o.escapeOfEscape;
            emptyValue = o.emptyValue;
            ignoreLeadingWhiteSpace = o.ignoreLeadingWhiteSpace;
            ignoreTrailingWhiteSpace = o.ignoreTrailingWhiteSpace;
            multiLine = o.multiLine;
            preferDate = o.preferDate;
        }

        CsvOptions build() {
            return new CsvOptions(
                    separator,
                    quote,
                    header,
                    escape,
                    nullValue,
                    mode,
                    corruptColumn,
                    datetimes,
                    escapeOfEscape,
                    emptyValue,
                    ignoreLeadingWhiteSpace,
                    ignoreTrailingWhiteSpace,
                    multiLine,
                    preferDate);
        }
    }

    private static String option(Map<String, String> options, String name, String dflt) {
        String v = options.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return dflt;
    }

    private static char oneChar(Map<String, String> options, String name, char dflt) {
        String v = option(options, name, null);
        if (v == null) {
            return dflt;
        }
        if (v.equals("\\t")) {
            return '\t';
        }
        if (v.equals("\\0") || v.equals("\u0000")) {
            return '\0'; // none (Spark's way to turn off quoting or escaping)
        }
        if (v.length() != 1) {
            throw new IllegalArgumentException("option '" + name + "' must be one character, got '" + v + "'");
        }
        return v.charAt(0);
    }
}
