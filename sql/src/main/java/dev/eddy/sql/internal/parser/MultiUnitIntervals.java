package dev.eddy.sql.internal.parser;

import dev.eddy.sql.api.SqlException;
import dev.eddy.streaming.api.data.IntervalFields;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's interval literal of several units, {@code INTERVAL 1 DAY 2 HOURS} or {@code INTERVAL '1' YEAR '2' MONTH},
 * which Calcite's grammar does not have: before parsing, each is written as the one literal Spark makes of it, an
 * ANSI interval from its first unit to its last ({@code INTERVAL '1 02' DAY TO HOUR}, {@code INTERVAL '1-2' YEAR TO
 * MONTH}), with the values summed (a unit may repeat, a value may be negative; WEEK counts 7 days, MILLISECOND and
 * MICROSECOND are SECOND's fraction; only SECOND and its fractions take a fraction). Year-month and day-time units do
 * not mix, as in Spark. A literal of one unit is left to the parser (Calcite's, or SparkDateForms for {@code
 * INTERVAL 5 SECONDS}); text inside strings, quoted names and comments is not touched.
 */
public final class MultiUnitIntervals {
    private static final String VALUE = "([+-]?)\\s*(?:(\\d+(?:\\.\\d+)?)|'\\s*([+-]?)\\s*(\\d+(?:\\.\\d+)?)\\s*')";
    private static final String UNIT =
            "(YEAR|MONTH|WEEK|DAY|HOUR|MINUTE|SECOND|MILLISECOND|MICROSECOND)S?(?![A-Za-z0-9_])";
    private static final Pattern PAIR = Pattern.compile("\\s+" + VALUE + "\\s+" + UNIT, Pattern.CASE_INSENSITIVE);
    private static final Pattern KEYWORD = Pattern.compile("INTERVAL(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);

    private MultiUnitIntervals() {}

    /** {@code sql} with each interval literal of several units written as one ANSI interval literal. */
    public static String rewrite(String sql) {
        return rewrite(SourceMap.identity(sql)).text();
    }

    /**
     * The text of {@code in} with each interval literal of several units written as one ANSI interval literal, mapped
     * to the user's text; an error in a literal names its position in the user's text.
     */
    public static SourceMap rewrite(SourceMap in) {
        String sql = in.text();
        if (!sql.toUpperCase(Locale.ROOT).contains("INTERVAL")) {
            return in;
        }
        SourceMap.Builder out = new SourceMap.Builder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int skip = skipQuoted(sql, i);
            if (skip > i) {
                out.copy(sql, i, skip);
                i = skip;
                continue;
            }
            boolean wordStart = i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_';
            Matcher k = KEYWORD.matcher(sql).region(i, sql.length());
            if (wordStart && (c == 'I' || c == 'i') && k.lookingAt()) {
                int end = literalEnd(sql, k.end());
                if (end > 0) {
                    String literal;
                    try {
                        literal = literal(sql, i, k.end(), end);
                    } catch (SqlException e) {
                        throw in.remap(e);
                    }
                    // the literal's line breaks are kept after it, so that later lines keep their numbers
                    out.replace(literal, i);
                    for (int j = i; j < end; j++) {
                        if (sql.charAt(j) == '\n') {
                            out.replace("\n", j);
                        }
                    }
                    i = end;
                    continue;
                }
            }
            out.copy(sql, i, i + 1);
            i++;
        }
        return in.then(out.text(), out.offsets(sql.length()));
    }

    /** The end of two or more value-unit pairs from {@code from}, or -1. */
    private static int literalEnd(String sql, int from) {
        Matcher m = PAIR.matcher(sql);
        int pos = from;
        int pairs = 0;
        while (m.region(pos, sql.length()).lookingAt()) {
            pos = m.end();
            pairs++;
        }
        return pairs >= 2 ? pos : -1;
    }

    private static String literal(String sql, int start, int pairsStart, int end) {
        Matcher m = PAIR.matcher(sql);
        int pos = pairsStart;
        long months = 0;
        BigDecimal micros = BigDecimal.ZERO;
        IntervalFields.Unit first = null;
        IntervalFields.Unit last = null;
        boolean yearMonth = false;
        boolean dayTime = false;
        while (pos < end && m.region(pos, end).lookingAt()) {
            pos = m.end();
            BigDecimal v = new BigDecimal(m.group(2) != null ? m.group(2) : m.group(4));
            if ("-".equals(m.group(1)) ^ "-".equals(m.group(3))) {
                v = v.negate();
            }
            String unit = m.group(5).toUpperCase(Locale.ROOT);
            IntervalFields.Unit field = switch (unit) {
                case "WEEK" -> IntervalFields.Unit.DAY;
                case "MILLISECOND", "MICROSECOND" -> IntervalFields.Unit.SECOND;
                default -> IntervalFields.Unit.valueOf(unit);
            };
            boolean fractionAllowed = field == IntervalFields.Unit.SECOND;
            if (!fractionAllowed && v.stripTrailingZeros().scale() > 0) {
                throw error(
                        sql,
                        start,
                        "the value of " + unit + " must be a whole number: "
                                + m.group().strip());
            }
            switch (unit) {
                case "YEAR" -> months += v.longValue() * 12;
                case "MONTH" -> months += v.longValue();
                case "WEEK" -> micros = micros.add(v.multiply(BigDecimal.valueOf(7 * IntervalFields.MICROS_PER_DAY)));
                case "DAY" -> micros = micros.add(v.multiply(BigDecimal.valueOf(IntervalFields.MICROS_PER_DAY)));
                case "HOUR" -> micros = micros.add(v.multiply(BigDecimal.valueOf(3_600_000_000L)));
                case "MINUTE" -> micros = micros.add(v.multiply(BigDecimal.valueOf(60_000_000L)));
                case "SECOND" -> micros = micros.add(v.multiply(BigDecimal.valueOf(1_000_000L)));
                case "MILLISECOND" -> micros = micros.add(v.multiply(BigDecimal.valueOf(1_000L)));
                default -> micros = micros.add(v);
            }
            boolean ym = field == IntervalFields.Unit.YEAR || field == IntervalFields.Unit.MONTH;
            yearMonth |= ym;
            dayTime |= !ym;
            first = first == null || field.compareTo(first) < 0 ? field : first;
            last = last == null || field.compareTo(last) > 0 ? field : last;
        }
        if (yearMonth && dayTime) {
            throw error(
                    sql,
                    start,
                    "Cannot mix year-month and day-time fields: "
                            + sql.substring(start, end).strip()
                            + "; write two intervals, e.g. INTERVAL 1 YEAR + INTERVAL 2 DAYS");
        }
        IntervalFields fields = IntervalFields.of(first, last);
        long value;
        try {
            value = yearMonth
                    ? Math.toIntExact(months)
                    : micros.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw error(sql, start, "the interval " + sql.substring(start, end).strip() + " is out of range");
        }
        return fields.format(value);
    }

    /** The index after a string, quoted name or comment starting at {@code i}, or {@code i} when none starts there. */
    private static int skipQuoted(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return sql.length();
        }
        if (sql.startsWith("--", i)) {
            int nl = sql.indexOf('\n', i);
            return nl < 0 ? sql.length() : nl;
        }
        if (sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        return i;
    }

    private static SqlException error(String sql, int offset, String message) {
        int line = 1;
        int column = 1;
        for (int j = 0; j < offset; j++) {
            if (sql.charAt(j) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SqlException(message + " at line " + line + ", column " + column, line, column);
    }
}
