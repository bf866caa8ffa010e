package dev.eddy.streaming.api.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DATE values as Spark has them: days since 1970-01-01 (proleptic Gregorian), read from and written as Spark's date
 * text. Front ends use these so that a batch and a streaming query read the same text as the same day.
 */
public final class Days {
    /**
     * Spark's text forms of a date: {@code yyyy}, {@code yyyy-[m]m}, {@code yyyy-[m]m-[d]d}, the last optionally
     * followed by a space or {@code T} and anything (a time); surrounding blanks ignored; a year of 4 to 7 digits with
     * an optional sign.
     */
    private static final Pattern TEXT = Pattern.compile("([+-]?\\d{4,7})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[ T].*)?)?)?");

    private Days() {}

    /** The day of Spark's date text, or null when the text is no date (a bad day of month included). */
    public static Integer parse(String s) {
        Matcher m = TEXT.matcher(s.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.of(
                    Integer.parseInt(m.group(1)),
                    m.group(2) == null ? 1 : Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
            return Math.toIntExact(d.toEpochDay());
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** A day as Spark prints it: {@code 2024-01-05}. */
    public static String format(int days) {
        return LocalDate.ofEpochDay(days).toString();
    }
}
