package dev.eddy.streaming.internal.format;

import java.math.BigDecimal;
import java.util.Set;

/**
 * The type of a CSV column inferred as Spark 4.2 infers it ({@code inferSchema}): the values are folded in order,
 * each tried as the column's type so far and then as the next wider ones, INT, LONG, DECIMAL (a whole number past
 * LONG, up to 38 digits; {@code 1,000} is not one), DOUBLE ({@link Double#parseDouble}'s text, {@code NaN}, {@code Inf}, {@code -Inf}), DATE
 * (with {@code preferDate}, default on: text in the {@code dateFormat}, default {@code yyyy-MM-dd}, strictly),
 * TIMESTAMP (text in the {@code timestampFormat}, or without one Spark's timestamp text), BOOLEAN ({@code true} or
 * {@code false} in any case), else STRING; the type so far and the value's are then joined (numbers widen; a DATE
 * and a TIMESTAMP make a TIMESTAMP only without a {@code timestampFormat} and with a {@code dateFormat} Spark's
 * timestamp text reads; any other mix is STRING). Values are taken as they are (no trimming); NULL and empty ones
 * (and the {@code nullValue}) say nothing. A column of none is STRING. Eddy has no DECIMAL: such a column is DOUBLE.
 */
final class CsvTypeInference {
    /** The states of the fold: Eddy's types and Spark's DECIMAL(p, 0), which Eddy reads as DOUBLE. */
    enum Kind {
        INT,
        LONG,
        DECIMAL,
        DOUBLE,
        DATE,
        TIMESTAMP,
        BOOLEAN,
        STRING;

        ValueType valueType() {
            return switch (this) {
                case INT -> ValueType.INT;
                case LONG -> ValueType.LONG;
                case DECIMAL, DOUBLE -> ValueType.DOUBLE;
                case DATE -> ValueType.DATE;
                case TIMESTAMP -> ValueType.TIMESTAMP;
                case BOOLEAN -> ValueType.BOOLEAN;
                case STRING -> ValueType.STRING;
            };
        }
    }

    /** Date patterns whose text Spark's lenient timestamp parser also reads. */
    private static final Set<String> DATES_READ_AS_TIMESTAMPS =
            Set.of("yyyy-MM-dd", "yyyy-M-d", "yyyy-M-dd", "yyyy-MM-d", "yyyy-MM", "yyyy-M", "yyyy");

    private final boolean preferDate;
    private final DatetimePattern datePattern;
    private final DatetimePattern timestampPattern;
    private final boolean dateMixesWithTimestamps;

    CsvTypeInference(CsvOptions options) {
        this.preferDate = options.preferDate();
        DatetimePattern date = options.datetimes().dateFormat();
        this.datePattern = date != null ? date : DatetimePattern.compile("dateFormat", "yyyy-MM-dd");
        this.timestampPattern = options.datetimes().timestampFormat();
        this.dateMixesWithTimestamps =
                timestampPattern == null && DATES_READ_AS_TIMESTAMPS.contains(datePattern.pattern());
    }

    /** The column's type after one more value ({@code soFar} null: none yet; {@code field} null: NULL). */
    Kind next(Kind soFar, String field) {
        if (field == null || field.isEmpty()) {
            return soFar;
        }
        if (soFar == null) {
            return asInt(field);
        }
        Kind k = switch (soFar) {
            case INT -> asInt(field);
            case LONG -> asLong(field);
            case DECIMAL -> asDecimal(field);
            case DOUBLE -> asDouble(field);
            case DATE -> asDate(field);
            case TIMESTAMP -> asTimestamp(field);
            case BOOLEAN -> asBoolean(field);
            case STRING -> Kind.STRING;
        };
        return join(soFar, k);
    }

    private Kind join(Kind a, Kind b) {
        if (a == b) {
            return a;
        }
        if (a == Kind.STRING || b == Kind.STRING) {
            return Kind.STRING;
        }
        if (number(a) && number(b)) {
            // INT < LONG < DECIMAL < DOUBLE (a DECIMAL of more than 38 digits is a DOUBLE in Spark too)
            return a.ordinal() > b.ordinal() ? a : b;
        }
        if ((a == Kind.DATE && b == Kind.TIMESTAMP) || (a == Kind.TIMESTAMP && b == Kind.DATE)) {
            return dateMixesWithTimestamps ? Kind.TIMESTAMP : Kind.STRING;
        }
        return Kind.STRING;
    }

    private static boolean number(Kind k) {
        return k == Kind.INT || k == Kind.LONG || k == Kind.DECIMAL || k == Kind.DOUBLE;
    }

    private Kind asInt(String f) {
        try {
            Integer.parseInt(f);
            return Kind.INT;
        } catch (NumberFormatException e) {
            return asLong(f);
        }
    }

    private Kind asLong(String f) {
        try {
            Long.parseLong(f);
            return Kind.LONG;
        } catch (NumberFormatException e) {
            return asDecimal(f);
        }
    }

    /**
     * Spark's inference reads a decimal with {@link BigDecimal}'s own parser under its default locale (en-US), commas
     * not dropped ({@code 1,000} is text; its reader of a declared DECIMAL column drops them), and takes a whole number
     * of at most 38 digits.
     */
    private Kind asDecimal(String f) {
        try {
            BigDecimal d = new BigDecimal(f);
            if (d.scale() == 0 && d.precision() <= 38) {
                return Kind.DECIMAL;
            }
        } catch (NumberFormatException e) {
            // not a number: the next type
        }
        return asDouble(f);
    }

    private Kind asDouble(String f) {
        if (f.equals("NaN") || f.equals("Inf") || f.equals("-Inf")) {
            return Kind.DOUBLE;
        }
        try {
            Double.parseDouble(f);
            return Kind.DOUBLE;
        } catch (NumberFormatException e) {
            return preferDate ? asDate(f) : asTimestamp(f);
        }
    }

    private Kind asDate(String f) {
        return datePattern.parseDays(f) != null ? Kind.DATE : asTimestamp(f);
    }

    private Kind asTimestamp(String f) {
        long v = timestampPattern != null ? timestampPattern.parseMicros(f) : SparkTimestampText.parseMicros(f);
        return v != Timestamps.INVALID ? Kind.TIMESTAMP : asBoolean(f);
    }

    private static Kind asBoolean(String f) {
        return f.equalsIgnoreCase("true") || f.equalsIgnoreCase("false") ? Kind.BOOLEAN : Kind.STRING;
    }
}
