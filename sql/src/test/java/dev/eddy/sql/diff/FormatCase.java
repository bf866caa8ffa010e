package dev.eddy.sql.diff;

import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * One generated CSV or JSON file for {@link SparkFormatsDifferentialIT}: a {@code dateFormat} and a {@code
 * timestampFormat} (or none: Spark's default forms; now and then one Spark refuses), a {@code mode}, and rows of a
 * name, a DATE, a TIMESTAMP and an INT whose texts mostly match the patterns, in random zones and fraction lengths,
 * and otherwise are in another form, garbage, blank, padded, an epoch number (JSON) or missing.
 */
record FormatCase(int index, String format, Map<String, String> options, boolean permissive, String text) {
    static final List<String> DATE_PATTERNS = List.of(
            "yyyy-MM-dd", "dd/MM/yyyy", "MM-dd-yyyy", "yyyyMMdd", "d.M.yyyy", "dd MMM yyyy", "yyyy-DDD", "yyyy/M/d");
    static final List<String> TIMESTAMP_PATTERNS = List.of(
            "yyyy-MM-dd HH:mm:ss",
            "dd/MM/yyyy HH:mm",
            "yyyy-MM-dd'T'HH:mm:ss.SSS",
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
            "MM/dd/yyyy hh:mm:ss a",
            "yyyyMMddHHmmss",
            "yyyy-MM-dd HH:mm:ss.SSSSSS",
            "yyyy-MM-dd HH:mm:ss Z",
            "dd MMM yyyy HH:mm:ss",
            "HH:mm:ss",
            "yyyy-MM-dd HH:mm:ss VV",
            "yyyy-MM-dd HH:mm:ss.SSS");
    /** Patterns Spark refuses (week-based, unsupported for parsing, too many letters, unknown letter). */
    static final List<String> REFUSED =
            List.of("YYYY-MM-dd", "yyyy-MM-dd EEE", "yyyy-ww", "yyyy-MMMMM", "yyyy-MM-dd HH:mm:ss Q", "yyyy-MM-dd bb");
    /** Text forms Spark reads without a pattern. */
    static final List<String> DEFAULT_DATE_FORMS = List.of("yyyy-MM-dd", "yyyy-M-d", "yyyy-MM", "yyyy");

    static final List<String> DEFAULT_TIMESTAMP_FORMS = List.of(
            "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
            "yyyy-MM-dd'T'HH:mm:ssXXX",
            "yyyy-MM-dd",
            "yyyy-MM-dd'T'HH:mm",
            "yyyy-MM-dd HH:mm:ss.S",
            "yyyy-MM-dd'T'HH:mm:ss'Z'",
            // a time alone: Spark reads it on the current day (in its zone), Eddy on its clock's day (the harness
            // gives Eddy's reads the wall clock's time, as Spark's)
            "HH:mm:ss",
            "'T'HH:mm",
            "HH:mm:ss.SSSXXX");
    static final List<String> ZONES = List.of("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "+05:30");
    static final List<String> GARBAGE = List.of("abc", "2024-13-01", "31/02/2024", "2024-02-30 10:00:00");

    static FormatCase generate(Random rnd, int index) {
        String format = rnd.nextBoolean() ? "csv" : "json";
        String datePattern = rnd.nextInt(5) == 0 ? null : pick(rnd, DATE_PATTERNS);
        String tsPattern = rnd.nextInt(5) == 0 ? null : pick(rnd, TIMESTAMP_PATTERNS);
        Map<String, String> options = new LinkedHashMap<>();
        int m = rnd.nextInt(10);
        String mode = m < 6 ? "PERMISSIVE" : m < 8 ? "DROPMALFORMED" : "FAILFAST";
        options.put("mode", mode);
        if (rnd.nextInt(12) == 0) {
            options.put("dateFormat", pick(rnd, REFUSED));
        } else if (datePattern != null) {
            options.put("dateFormat", datePattern);
        }
        if (rnd.nextInt(12) == 0) {
            options.put("timestampFormat", pick(rnd, REFUSED));
        } else if (tsPattern != null) {
            options.put("timestampFormat", tsPattern);
        }
        if (rnd.nextInt(7) == 0) {
            boolean fallback = rnd.nextBoolean();
            options.put("enableDateTimeParsingFallback", Boolean.toString(fallback));
        }
        CsvStyle style = format.equals("csv") ? CsvStyle.draw(rnd, options) : null;
        // Spark's multiLine JSON: one document over many lines (drawn here, written below)
        boolean jsonMultiLine = format.equals("json") && rnd.nextInt(5) == 0;
        StringBuilder text = new StringBuilder();
        int rows = 4 + rnd.nextInt(8);
        for (int r = 0; r < rows; r++) {
            String name = "r" + r;
            String d = value(rnd, datePattern, DEFAULT_DATE_FORMS, DATE_PATTERNS);
            String t = value(rnd, tsPattern, DEFAULT_TIMESTAMP_FORMS, TIMESTAMP_PATTERNS);
            int k = rnd.nextInt(20);
            String n = k == 0 ? null : k == 1 ? "x" + rnd.nextInt(9) : Integer.toString(rnd.nextInt(2000) - 1000);
            if (style != null && rnd.nextInt(4) == 0) {
                name = style.name(rnd, r);
            }
            text.append(style != null ? style.record(rnd, name, d, t, n) : json(rnd, name, d, t, n, jsonMultiLine))
                    .append('\n');
        }
        if (style != null && style.multiLine() && rnd.nextInt(4) == 0) {
            // a quote never closed: Spark's record runs to the end of the file
            text.append("r")
                    .append(rows)
                    .append(style.sep())
                    .append(style.quote())
                    .append("open\nr9,");
            if (rnd.nextBoolean()) {
                text.append('\n');
            }
        }
        String body = text.toString();
        if (jsonMultiLine) {
            // Spark's multiLine: the file is one JSON document over many lines, an array of the records (or one)
            options.put("multiLine", "true");
            List<String> records = body.lines()
                    .map(l -> l.replace(",\"", ",\n   \"").replace("{", "{\n   "))
                    .toList();
            body = records.size() == 1 || rnd.nextInt(6) == 0
                    ? records.get(0) + "\n"
                    : "[\n  " + String.join(",\n  ", records) + "\n]\n";
        }
        return new FormatCase(index, format, options, mode.equals("PERMISSIVE"), body);
    }

    /** A value's text: mostly in the pattern (or a default form), else another form, garbage, blank or null. */
    private static String value(Random rnd, String pattern, List<String> defaults, List<String> others) {
        int k = rnd.nextInt(20);
        if (k == 0) {
            return null;
        }
        if (k == 1) {
            return pick(rnd, GARBAGE);
        }
        if (k == 5) {
            // a year alone (a DATE or a TIMESTAMP), now and then past Tablesaw's years (32767), before year 1 or past
            // the TIMESTAMP's range (about 290,000 years: malformed in Spark and Eddy)
            return Integer.toString(
                    rnd.nextInt(4) == 0 ? rnd.nextInt(2_000_001) - 1_000_000 : rnd.nextInt(60_001) - 30_000);
        }
        if (k == 2) {
            return rnd.nextBoolean() ? "" : " ";
        }
        String p = k == 3 ? pick(rnd, others) : pattern != null ? pattern : pick(rnd, defaults);
        if (p.contains("SSS") && rnd.nextInt(3) == 0) {
            p = p.replaceFirst("S", ""); // fewer fraction digits than the pattern has
        }
        String zone = pick(rnd, ZONES);
        long second =
                LocalDate.of(1900, 1, 1).toEpochDay() * 86_400L + (long) (rnd.nextDouble() * 200 * 365.25 * 86_400L);
        ZonedDateTime at = Instant.ofEpochSecond(second, rnd.nextInt(1_000_000) * 1000L)
                .atZone(p.contains("X") || p.contains("Z") || p.contains("V") ? ZoneId.of(zone) : ZoneId.of("UTC"));
        String s = DateTimeFormatter.ofPattern(p, Locale.US).format(at);
        return k == 4 ? " " + s : s;
    }

    /**
     * Values of the STRING column {@code name} Spark reads as the line writes them (exact string parsing): nested
     * objects and arrays with their blanks and escapes, numbers, booleans, single-quoted text (allowSingleQuotes).
     */
    static final List<String> JSON_NAMES = List.of(
            "{\"a\": 1,  \"b\": [1, 2]}",
            "[1, \"x\" ,null]",
            "[]",
            "{}",
            "{\"deep\":{\"k\":\"\\u00e9\\n\"}}",
            "[{\"a\":[]},\t{\"b\":null}]",
            "1.50",
            "-0",
            "1E2",
            "12345678901234567890123",
            "true",
            "'single'",
            "NaN",
            "-Infinity");
    /** Values of the INT column {@code n} Spark leaves NULL in a partial result, or reads (non-numeric ones fail). */
    static final List<String> JSON_NUMBERS =
            List.of("2147483648", "-2147483649", "12345678901234567890", "1.5", "1e2", "-0", "NaN", "'7'", "7.0");
    /** Lines Spark's parser refuses whole: a leading zero, a comment, an unquoted name, an escape JSON lacks. */
    static final List<String> JSON_BROKEN = List.of(
            "{\"name\":\"z\",\"n\":012}",
            "{\"name\":\"z\" /* c */,\"n\":1}",
            "{name:\"z\",\"n\":1}",
            "{\"name\":\"a\\qb\",\"n\":1}");

    /**
     * A JSON line; now and then one of {@link #JSON_NAMES}, {@link #JSON_NUMBERS} or {@link #JSON_BROKEN} (not with
     * {@code multiLine}: a broken record makes the whole document one corrupt record, in Spark and Eddy alike).
     */
    private static String json(Random rnd, String name, String d, String t, String n, boolean multiLine) {
        int shape = rnd.nextInt(40);
        if (shape == 0 && !multiLine) {
            return pick(rnd, JSON_BROKEN);
        }
        StringBuilder b = new StringBuilder("{\"name\":");
        b.append(shape <= 4 ? pick(rnd, JSON_NAMES) : '"' + name + '"');
        if (shape >= 5 && shape <= 7) {
            n = pick(rnd, JSON_NUMBERS);
        }
        // now and then a date as a whole number (days since the epoch in JSON) and a timestamp as epoch seconds
        String dv = rnd.nextInt(15) == 0 ? Integer.toString(rnd.nextInt(20_000_000) - 10_000_000) : d;
        field(rnd, b, "d", dv == null ? null : '"' + dv + '"');
        String tv =
                rnd.nextInt(15) == 0 ? Integer.toString(rnd.nextInt(2_000_000_000)) : t == null ? null : '"' + t + '"';
        field(rnd, b, "t", tv);
        field(rnd, b, "n", n == null ? null : n.startsWith("x") ? '"' + n + '"' : n);
        return b.append('}').toString();
    }

    private static void field(Random rnd, StringBuilder b, String name, String json) {
        if (json == null && rnd.nextBoolean()) {
            return; // missing
        }
        b.append(",\"").append(name).append("\":").append(json == null ? "null" : json);
    }

    private static <T> T pick(Random rnd, List<T> from) {
        return from.get(rnd.nextInt(from.size()));
    }

    Schema schema() {
        return SparkFormatsDifferentialIT.schema(permissive);
    }

    String columnsSql() {
        return "name STRING, d DATE, t TIMESTAMP, n INT" + (permissive ? ", _corrupt_record STRING" : "");
    }

    /** Spark's reader over {@code dir} as the temporary view {@code fmt_case}. */
    String sparkView(Path dir) {
        String opts = options.entrySet().stream()
                .map(e -> e.getKey() + " \""
                        + e.getValue()
                                .replace("\\", "\\\\")
                                .replace("\"", "\\\"")
                                .replace("\t", "\\t")
                        + "\"")
                .collect(Collectors.joining(", "));
        return "CREATE OR REPLACE TEMPORARY VIEW fmt_case (" + columnsSql() + ") USING " + format + " OPTIONS (path \""
                + dir + "\", " + opts + ")";
    }

    String describe() {
        return format + " " + options + " file:\n      " + text.strip().replace("\n", "\n      ");
    }
}
