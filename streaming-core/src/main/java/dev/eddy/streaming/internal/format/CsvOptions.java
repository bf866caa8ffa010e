package dev.eddy.streaming.internal.format;

import java.util.Map;

/** CSV options, as in Spark: {@code sep} (default ','), {@code quote} (default '"'), {@code header} (default false). */
public record CsvOptions(char separator, char quote, boolean header) {
    public static final CsvOptions DEFAULT = new CsvOptions(',', '"', false);

    public static CsvOptions from(Map<String, String> options) {
        return new CsvOptions(oneChar(options, "sep", ','), oneChar(options, "quote", '"'),
                Boolean.parseBoolean(options.getOrDefault("header", "false")));
    }

    private static char oneChar(Map<String, String> options, String name, char dflt) {
        String v = options.get(name);
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
