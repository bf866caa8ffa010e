package dev.eddy.streaming.internal.format;

import java.util.Locale;
import java.util.Map;

/**
 * CSV options, named as in Spark (option names are matched ignoring case): {@code sep} (default ','), {@code quote}
 * (default '"'), {@code header} (default false), {@code escape} (default: the quote, i.e. RFC 4180's doubled quote;
 * Spark's default is '\'), {@code nullValue} (text read as null; default "": an empty unquoted field), {@code mode}
 * (PERMISSIVE, DROPMALFORMED or FAILFAST; default PERMISSIVE) and {@code columnNameOfCorruptRecord} (default
 * {@code _corrupt_record}); and for CSV and JSON alike {@code dateFormat}, {@code timestampFormat} and {@code
 * enableDateTimeParsingFallback} ({@link DatetimeOptions}).
 */
public record CsvOptions(
        char separator,
        char quote,
        boolean header,
        char escape,
        String nullValue,
        Mode mode,
        String corruptColumn,
        DatetimeOptions datetimes) {
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
        if (nullValue == null || corruptColumn == null || mode == null || datetimes == null) {
            throw new IllegalArgumentException(
                    "CSV options nullValue, mode and columnNameOfCorruptRecord are required");
        }
    }

    public CsvOptions(char separator, char quote, boolean header) {
        this(separator, quote, header, quote, "", Mode.PERMISSIVE, TextFormats.CORRUPT_RECORD, DatetimeOptions.DEFAULT);
    }

    public static CsvOptions from(Map<String, String> options) {
        char quote = oneChar(options, "quote", '"');
        return new CsvOptions(
                oneChar(options, "sep", oneChar(options, "delimiter", ',')), // Spark's two names
                quote,
                Boolean.parseBoolean(option(options, "header", "false")),
                oneChar(options, "escape", quote),
                option(options, "nullValue", ""),
                Mode.of(option(options, "mode", "PERMISSIVE")),
                option(options, "columnNameOfCorruptRecord", TextFormats.CORRUPT_RECORD),
                DatetimeOptions.of(
                        option(options, "dateFormat", null),
                        option(options, "timestampFormat", null),
                        option(options, "enableDateTimeParsingFallback", null)));
    }

    /** The same options with another header flag. */
    public CsvOptions withHeader(boolean h) {
        return new CsvOptions(separator, quote, h, escape, nullValue, mode, corruptColumn, datetimes);
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
        if (v.length() != 1) {
            throw new IllegalArgumentException("option '" + name + "' must be one character, got '" + v + "'");
        }
        return v.charAt(0);
    }
}
