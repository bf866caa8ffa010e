package dev.eddy.sql.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The batch corpus's long lists of values: OR chains of 8 to 12 equalities on one value ({@code a = 1 OR 2 = a OR
 * ...}, which Eddy's SQL layer turns into the engine's {@code in} from 8 terms on) and IN / NOT IN lists of 8 to 14
 * values, both with values of other types (text, decimals, doubles, dates and times, Spark's implicit casts), NULLs
 * and now and then a term that is no literal or is on another value (which keeps a chain an OR). {@link #chains} and
 * {@link #lists} count the draws, so that a run can say how many queries held them.
 */
final class CorpusLists {
    /** OR chains drawn so far (by every generator of this JVM). */
    static int chains;
    /** Long IN / NOT IN lists drawn so far. */
    static int lists;

    private final Random r;

    CorpusLists(Random r) {
        this.r = r;
    }

    /** A value of t1 and literals that compare with it (its own type, other types Spark casts, NULL). */
    private record Subject(String value, String[] literals) {}

    private Subject subject() {
        switch (r.nextInt(9)) {
            case 0:
            case 1:
                return new Subject(pick("a", "id", "(a % 7)", "(id + 1)"), new String[] {
                    "1",
                    "2",
                    "3",
                    "-1",
                    "0",
                    "7",
                    "-10",
                    "12",
                    "29",
                    "'3'",
                    "' 4 '",
                    "'-2'",
                    "2.0",
                    "3.5",
                    "1.5E0",
                    "2147483647",
                    "CAST(5 AS BIGINT)",
                    "CAST(2 AS TINYINT)",
                    "NULL"
                });
            case 2:
                return new Subject(pick("b", "(b div 10)"), new String[] {
                    "0",
                    "1",
                    "-1",
                    "100",
                    "-1000",
                    "1000",
                    "'100'",
                    "1152921504606846975",
                    "2.5",
                    "NULL",
                    "CAST(7 AS SMALLINT)",
                    "-5",
                    "12",
                    "999"
                });
            case 3:
                return new Subject(pick("x", "round(x)", "CAST(x AS DECIMAL(12, 3))", "(x * 2)"), new String[] {
                    "0.5",
                    "1.5",
                    "-2.0",
                    "2",
                    "-1",
                    "0",
                    "'2.5'",
                    "1.5E0",
                    "-0.0",
                    "CAST('NaN' AS DOUBLE)",
                    "2.500",
                    "NULL",
                    "3",
                    "-4.0",
                    "1.25",
                    "0.125"
                });
            case 4:
            case 5:
                return new Subject(pick("s", "upper(s)", "trim(s)", "CAST(a AS STRING)"), new String[] {
                    "'apple'",
                    "'Banana'",
                    "'cherry pie'",
                    "'123'",
                    "'-7'",
                    "'3.5'",
                    "'Zebra'",
                    "''",
                    "'a'",
                    "'APPLE'",
                    "'pad'",
                    "'  pad '",
                    "'x_y'",
                    "'a%b'",
                    "'naïve'",
                    "NULL",
                    "'3'",
                    "'-2'",
                    "'0'"
                });
            case 6:
                return new Subject(pick("ts", "date_trunc('HOUR', ts)"), new String[] {
                    "TIMESTAMP '2024-01-15 00:00:00'",
                    "TIMESTAMP '2024-01-14 12:00:00'",
                    "'2024-01-15 10:00:00'",
                    "'2024-01-16'",
                    "DATE '2024-01-15'",
                    "TIMESTAMP '2024-01-13 23:00:00'",
                    "TIMESTAMP '2024-01-16 05:00:00'",
                    "NULL",
                    "TIMESTAMP '2024-01-15 01:00:00'",
                    "TIMESTAMP '2024-01-17 00:00:00'"
                });
            case 7:
                return new Subject(pick("to_date(ts)", "CAST(ts AS DATE)"), new String[] {
                    "DATE '2024-01-13'",
                    "DATE '2024-01-14'",
                    "DATE '2024-01-15'",
                    "DATE '2024-01-16'",
                    "'2024-01-17'",
                    "'2024-01-14 23:00:00'",
                    "TIMESTAMP '2024-01-15 00:00:00'",
                    "NULL",
                    "DATE '2023-12-31'",
                    "'2024-1-16'"
                });
            default:
                return new Subject(
                        "flag", new String[] {"true", "false", "NULL", "'true'", "'no'", "'1'", "'F'", "'yes'"});
        }
    }

    /** {@code (v = l1 OR l2 = v OR ...)}: 8 to 12 terms, now and then one that is no equality of v with a literal. */
    String orChain() {
        chains++;
        Subject s = subject();
        int n = 8 + r.nextInt(5);
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String lit = s.literals()[r.nextInt(s.literals().length)];
            int odd = r.nextInt(20);
            if (odd == 0) {
                terms.add("(" + s.value() + " IS NULL)");
            } else if (odd == 1) {
                terms.add("(" + pick("a = id", "flag", "x > 50", "s = 'apple'") + ")");
            } else {
                terms.add(r.nextInt(4) == 0 ? lit + " = " + s.value() : s.value() + " = " + lit);
            }
        }
        String chain = "(" + String.join(" OR ", terms) + ")";
        return r.nextInt(5) == 0 ? "(NOT " + chain + ")" : chain;
    }

    /** {@code v [NOT] IN (l1, ..., ln)}: 8 to 14 values, now and then a column among them. */
    String inList() {
        lists++;
        Subject s = subject();
        int n = 8 + r.nextInt(7);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(r.nextInt(15) == 0 ? pick("a", "id", "(a + 1)") : s.literals()[r.nextInt(s.literals().length)]);
        }
        return "(" + s.value() + (r.nextInt(4) == 0 ? " NOT IN (" : " IN (") + String.join(", ", values) + "))";
    }

    private String pick(String... options) {
        return options[r.nextInt(options.length)];
    }
}
