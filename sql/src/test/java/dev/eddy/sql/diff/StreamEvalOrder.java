package dev.eddy.sql.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Expressions that may fail for a row, drawn into a {@link StreamCase} to check Spark's order of evaluation in
 * streaming queries: its inputs get a fourth column {@code s}, a text that is now and then no number (or NULL), and
 * the query selects {@link #items} (aggregated by MIN and MAX under a window, or as they are in a selection) and adds
 * {@link #where} to its WHERE. Spark computes an operator's left side first and its right side only for a row whose
 * left side is not NULL, a division's divisor first, AND/OR's right side only where the left one leaves the answer
 * open, a null-intolerant function's arguments one after the other, and puts the {@code isnotnull} it infers from a
 * WHERE's null-intolerant terms before them; a cast of {@code s} that is no number, an overflow or a zero divisor then
 * fails the query in the batch of the row that reaches it, and so must Eddy's (the harness compares the step at which
 * both fail, and every batch before it).
 *
 * <p>Drawn apart from the case's other choices (a fifth of the SQL windowed aggregations and deduplications without a
 * join), so that a seed's other cases stay what they were; {@code -Deddy.diff.stream.evalOrder=false} leaves them out.
 */
record StreamEvalOrder(List<String> items, String where) {
    /** Draw these cases (on by default; false draws every case as seeds did before). */
    static final boolean ON = Boolean.parseBoolean(System.getProperty("eddy.diff.stream.evalOrder", "true"));

    /** Per row: items that may fail, each with the order of evaluation it puts to the test. */
    static final List<String> ITEMS = List.of(
            // the left side first, even where the right one is NULL: fails for s = 'x' whatever v is
            "CAST(s AS DOUBLE) + v",
            // the right side only where the left one is not NULL: NULL for a NULL v whatever s is
            "v + CAST(s AS INT)",
            // the divisor first: a NULL v is NULL before s is cast; v = 3 divides by zero where s is not NULL
            "CAST(s AS INT) / (v - 3)",
            // an overflow under a NULL: the left side is always NULL, so Spark never adds (v + 2147483640)
            "try_cast(k AS INT) + (v + 2147483640)",
            // a function's arguments in order: the length only where k and v are not NULL
            "substring(k, v, CAST(s AS INT))",
            // coalesce and CASE: a branch only for the rows that reach it
            "coalesce(v, CAST(s AS INT))",
            "CASE WHEN v > 10 THEN CAST(s AS INT) ELSE v END",
            // log(base, x): x only where the base is not NULL
            "log(v, CAST(s AS DOUBLE))",
            // date_add: the days only where the date is not NULL (never here); s that is no number fails
            "date_add(to_date(ts), CAST(s AS INT) % 5)");

    /** WHERE terms that may fail for a row. */
    static final List<String> WHERES = List.of(
            // OR: the cast only where v is not NULL
            "(v IS NULL OR CAST(s AS INT) > 0)",
            // AND: the cast only where v > 5
            "(v > 5 AND CAST(s AS DOUBLE) < 10)",
            // the left side first; Spark infers isnotnull(s) and isnotnull(v) from the term
            "CAST(s AS DOUBLE) + v > 0",
            // the right side only where v is not NULL
            "v + CAST(s AS INT) <> 2",
            // what the WHERE says of v (IS NULL) beside a term Spark infers isnotnull(v) from
            "(CAST(s AS INT) > v AND v IS NULL)",
            // coalesce: the cast only where v is NULL
            "coalesce(v, CAST(s AS INT)) > 0",
            // the divisor first
            "CAST(s AS INT) / (v - 3) > 0");

    /** The texts of s: whole numbers (with blanks), now and then a fraction or an exponent (no INT), or no number. */
    private static final List<String> NUMBERS = List.of("3", " 4 ", "-2", "7", "12");

    private static final List<String> NO_INT = List.of("2.5", "1e1");

    private static final List<String> NOT_NUMBERS = List.of("x", "", "12abc");

    /** The select items as the query names them: {@code e0}, {@code e1}, ... */
    String selectItems(boolean aggregate) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            String e = items.get(i);
            out.append(", ")
                    .append(aggregate ? (i % 2 == 0 ? "MIN(" : "MAX(") + e + ")" : e)
                    .append(" AS e")
                    .append(i);
        }
        return out.toString();
    }

    String describe() {
        return "eval order";
    }

    /**
     * {@code c} with expressions that may fail and the column s (a fifth of the SQL windowed aggregations and
     * deduplications without a join), or {@code c} as it is.
     */
    static StreamCase drawn(StreamCase c, long seed) {
        if (!ON || c.join() != null || c.javaApi()) {
            return c;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0xE7A1_0DE4L);
        if (r.nextInt(5) != 0) {
            return c;
        }
        List<String> items = new ArrayList<>();
        int n = 1 + r.nextInt(2);
        while (items.size() < n) {
            String e = ITEMS.get(r.nextInt(ITEMS.size()));
            if (!items.contains(e)) {
                items.add(e);
            }
        }
        String where = r.nextBoolean() ? WHERES.get(r.nextInt(WHERES.size())) : null;
        long salt = r.nextLong();
        return c.withEval(new StreamEvalOrder(List.copyOf(items), where)).withRowsMapped(row -> {
            row.add(text(row, salt));
            return row;
        });
    }

    /**
     * The s of a row, from its other values: a duplicate row gets the same s. One in eight is NULL, one in forty no
     * number, one in forty a number no INT reads (a cast to DOUBLE does), the rest whole numbers: most cases run, and
     * a few fail in the batch of a row that reaches a failing cast.
     */
    private static String text(List<Object> row, long salt) {
        SplittableRandom r = new SplittableRandom(salt ^ Objects.hash(row.toArray()));
        int pick = r.nextInt(40);
        if (pick < 5) {
            return null;
        }
        if (pick < 6) {
            return NOT_NUMBERS.get(r.nextInt(NOT_NUMBERS.size()));
        }
        if (pick < 7) {
            return NO_INT.get(r.nextInt(NO_INT.size()));
        }
        return NUMBERS.get(r.nextInt(NUMBERS.size()));
    }
}
