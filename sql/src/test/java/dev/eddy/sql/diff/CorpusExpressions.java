package dev.eddy.sql.diff;

import java.util.Random;

/**
 * The batch corpus's SQL expressions over t1 ({@code a INT, b BIGINT, x DOUBLE, s STRING, flag BOOLEAN, ts TIMESTAMP,
 * id INT}), one generator per result type to a given depth, drawn from the corpus's random numbers: arithmetic, casts
 * and Spark's implicit ones, CASE/coalesce/IF, text, time and math functions, failing constants in branches.
 */
final class CorpusExpressions {
    private final Random r;

    CorpusExpressions(Random r) {
        this.r = r;
    }

    String intExpr(int depth) {
        if (depth <= 0) {
            return pick("a", "id", "a", String.valueOf(r.nextInt(7) - 2));
        }
        int d = depth - 1;
        switch (r.nextInt(16)) {
            case 0:
                return "(" + intExpr(d) + " + " + intExpr(d) + ")";
            case 1:
                return "(" + intExpr(d) + " - " + intExpr(d) + ")";
            case 2:
                return "(" + intExpr(d) + " * " + intExpr(d) + ")";
            case 3:
                return "(" + intExpr(d) + " div " + divisor(d) + ")";
            case 4:
                return "(" + intExpr(d) + " % " + divisor(d) + ")";
            case 5:
                return "abs(" + intExpr(d) + ")";
            case 6:
                return "CASE WHEN " + boolExpr(d) + " THEN " + intExpr(d) + " ELSE " + intExpr(d) + " END";
            case 7:
                return "coalesce(" + intExpr(d) + ", " + intExpr(0) + ")";
            case 8:
                return "length(" + stringExpr(d) + ")";
            case 9:
                // NaN, infinities and values out of range fail with [CAST_OVERFLOW] (sqrt of a negative number)
                return "CAST(" + doubleExpr(d) + " AS " + pick("INT", "BIGINT") + ")";
            case 10:
                return "CAST(" + pick("s", "'42'", "' 7 '", "'x'") + " AS INT)";
            case 11:
                if (r.nextInt(3) == 0) {
                    // Calcite's EXTRACT has fields Spark's lacks (MILLISECOND, EPOCH, ...): Spark refuses them
                    return "EXTRACT(" + pick("YEAR", "QUARTER", "WEEK", "DOW", "DOY", "HOUR", "MILLISECOND", "EPOCH")
                            + " FROM " + tsExpr(d) + ")";
                }
                return pick("year", "month", "day", "hour", "minute", "second") + "(" + tsExpr(d) + ")";
            case 12:
                return "(" + intExpr(d) + " * 1000000)";
            case 13:
                return "-" + intExpr(d);
            case 14:
                return r.nextBoolean()
                        ? mixedInt(d)
                        : pick(
                                "b",
                                "try_add(" + intExpr(d) + ", " + intExpr(d) + ")",
                                "try_multiply(" + intExpr(d) + ", " + intExpr(d) + ")",
                                "try_subtract(b, " + intExpr(d) + ")",
                                "try_cast(" + pick("s", "'12'", "' 7 '") + " AS INT)");
            default:
                return "(b + " + intExpr(d) + ")";
        }
    }

    /** An integral value mixed with text: Spark casts the text to BIGINT (and fails the query if it is no number). */
    private String mixedInt(int d) {
        String text = pick("'5'", "' -2 '", "s", "'x'", "CAST(a AS STRING)");
        switch (r.nextInt(6)) {
            case 0:
                return "CASE WHEN " + boolExpr(d) + " THEN " + intExpr(d) + " ELSE " + text + " END";
            case 1:
                return "coalesce(" + intExpr(d) + ", " + text + ")";
            case 2:
                return "IF(" + boolExpr(d) + ", " + text + ", " + intExpr(d) + ")";
            case 3:
                return pick("greatest", "least") + "(" + intExpr(d) + ", " + intExpr(d) + ", " + pick("'3'", "NULL")
                        + ")";
            case 4:
                return "length(" + pick("a", "x", "flag", "ts", "b", "(a * 100)") + ")";
            default:
                return "CASE WHEN " + boolExpr(d) + " THEN " + text + " END";
        }
    }

    /** Mostly a divisor that is never zero (a zero makes the whole query an error in ANSI mode). */
    private String divisor(int depth) {
        return r.nextInt(5) == 0 ? intExpr(depth) : pick("2", "3", "-4", "(id + 1)");
    }

    String doubleExpr(int depth) {
        if (depth <= 0) {
            return pick("x", "x", "1.5E0", "0.1E0", "2.0E0");
        }
        int d = depth - 1;
        switch (r.nextInt(14)) {
            case 0:
                return "(" + intExpr(d) + " / " + divisor(d) + ")";
            case 1:
                return "(" + doubleExpr(d) + " / " + pick("2", "3", "x", "(id + 1)", "-4") + ")";
            case 2:
                return "(" + doubleExpr(d) + " * " + doubleExpr(d) + ")";
            case 3:
                return "(" + doubleExpr(d) + " + " + intExpr(d) + ")";
            case 4:
                return "round(" + doubleExpr(d) + ", " + r.nextInt(3) + ")";
            case 5:
                return "round(" + doubleExpr(d) + ")";
            case 6:
                return "CAST(" + intExpr(d) + " AS DOUBLE)";
            case 7:
                return "try_divide(" + intExpr(d) + ", " + intExpr(d) + ")";
            case 8:
                return r.nextBoolean() ? "sqrt(abs(" + doubleExpr(d) + "))" : "sqrt(" + doubleExpr(d) + ")"; // NaN < 0
            case 9:
                return pick(
                        "coalesce(" + doubleExpr(d) + ", 0.0)",
                        "coalesce(" + doubleExpr(d) + ", '2.5')",
                        "CASE WHEN " + boolExpr(d) + " THEN " + doubleExpr(d) + " ELSE " + pick("'1e3'", "s", "'-0.5'")
                                + " END",
                        pick("greatest", "least") + "(" + doubleExpr(d) + ", " + intExpr(d) + ")",
                        "round(" + pick("2.5", "-2.5", "0.125", "CAST(x AS DECIMAL(12, 3))", "x") + ", "
                                + (r.nextInt(4) - 1) + ")");
            case 10:
                return "CASE WHEN " + boolExpr(d) + " THEN " + doubleExpr(d) + " ELSE " + intExpr(d) + " END";
            case 11:
                return r.nextBoolean()
                        ? "abs(" + doubleExpr(d) + ")"
                        // a DOUBLE remainder stays a DOUBLE; by zero (rarely) it fails with [REMAINDER_BY_ZERO]
                        : "(" + doubleExpr(d) + " % "
                                + (r.nextInt(12) == 0 ? pick("0.0", "0") : pick("2", "0.5", "-3", "1.5E0", "x"))
                                + ")";
            case 12:
                return r.nextBoolean() ? "CAST(" + pick("s", "'3.5'", "'-7'") + " AS DOUBLE)" : decimalExpr(d);
            default:
                return "(" + doubleExpr(d) + " - " + doubleExpr(d) + ")";
        }
    }

    /** DECIMAL arithmetic: Spark keeps a DECIMAL quotient at its own precision and scale (rounded HALF_UP). */
    String decimalExpr(int depth) {
        String dec = pick("1.5", "10.0", "0.25", "2.50", "CAST(a AS DECIMAL(10, 2))", "CAST(x AS DECIMAL(12, 3))");
        switch (r.nextInt(4)) {
            case 0:
                return "(" + dec + " / " + pick("3", "7", "(id + 1)", "0.3", "-4") + ")";
            case 1:
                return "(" + pick("a", "id", "b", "7") + " / " + pick("0.3", "1.25", "CAST(3 AS DECIMAL(5, 1))") + ")";
            case 2:
                // an integer literal is a DECIMAL of its digits in Spark: typeof(dec * 12345) is decimal(16,2)
                return "(" + dec + " * " + pick("a", "1.5", "id", "12345") + ")";
            default:
                return "(" + dec + pick(" + ", " - ") + intExpr(Math.max(0, depth - 1)) + ")";
        }
    }

    String stringExpr(int depth) {
        if (depth <= 0) {
            return pick("s", "s", "'abc'", "'Hello World'", "''");
        }
        int d = depth - 1;
        switch (r.nextInt(14)) {
            case 0:
                return "upper(" + stringExpr(d) + ")";
            case 1:
                return "lower(" + stringExpr(d) + ")";
            case 2:
                return "substring(" + stringExpr(d) + ", " + (r.nextInt(7) - 3) + ", " + r.nextInt(5) + ")";
            case 3:
                return "substring(" + stringExpr(d) + ", " + (r.nextInt(7) - 3) + ")";
            case 4:
                return r.nextBoolean()
                        ? "concat(" + stringExpr(d) + ", " + stringExpr(d) + ")"
                        : "concat(" + anyExpr(d) + ", '-', " + pick("a", "x", "flag", "ts", "s")
                                + ")"; // any types, any count
            case 5:
                return "(" + stringExpr(d) + " || '-' || " + stringExpr(d) + ")";
            case 6:
                return "coalesce(" + stringExpr(d) + ", 'none')";
            case 7:
                return "trim(" + stringExpr(d) + ")";
            case 8:
                return "date_format(" + tsExpr(d) + ", '"
                        + pick("yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "HH:mm", "MM/dd/yyyy") + "')";
            case 9:
                return "CAST(" + intExpr(d) + " AS STRING)";
            case 10:
                return "CASE WHEN " + boolExpr(d) + " THEN " + stringExpr(d) + " ELSE 'other' END";
            case 11:
                return "from_unixtime("
                        + pick(
                                "unix_timestamp(ts)",
                                "(b * 1000)",
                                "1700000000",
                                "b",
                                "(b * 8)",
                                "9223372036854775807",
                                "-9223372036854775807")
                        + pick(", 'yyyy-MM-dd HH:mm:ss')", ")", ", 'HH:mm')");
            case 12:
                return r.nextBoolean()
                        ? "CAST(" + doubleExpr(d) + " AS STRING)"
                        : "typeof("
                                + (r.nextBoolean()
                                        ? anyExpr(d)
                                        // Spark's common types: BIGINT as DECIMAL(20, 0), a NULL has none
                                        : pick(
                                                "coalesce(b, 1.5)",
                                                "(b + 2.25)",
                                                "CASE WHEN flag THEN b ELSE 0.5 END",
                                                "greatest(NULL, a)",
                                                "least(id, NULL, a)",
                                                "coalesce(NULL, NULL)",
                                                "greatest(NULL, NULL)",
                                                "(x % 2)",
                                                "(a % 2.5)",
                                                "(b % a)",
                                                // Spark's DECIMAL + - *: a literal by its digits, 38 digits at most
                                                "(CAST(a AS DECIMAL(10, 2)) + 1)",
                                                "(CAST(a AS DECIMAL(10, 2)) * 12345)",
                                                "(CAST(x AS DECIMAL(38, 10)) * CAST(x AS DECIMAL(38, 10)))",
                                                "(CAST(x AS DECIMAL(30, 5)) - CAST(x AS DECIMAL(30, 20)))"))
                                + ")";
            default:
                return "CAST(" + pick("flag", "ts") + " AS STRING)";
        }
    }

    String boolExpr(int depth) {
        if (depth <= 0) {
            return pick("flag", "(a > 0)", "(s LIKE 'a%')", "(x IS NULL)");
        }
        int d = depth - 1;
        switch (r.nextInt(12)) {
            case 0:
                return "(" + intExpr(d) + pick(" = ", " <> ", " < ", " >= ") + intExpr(d) + ")";
            case 1:
                return "(" + doubleExpr(d) + pick(" > ", " <= ") + doubleExpr(d) + ")";
            case 2:
                return "(" + stringExpr(d) + " LIKE '" + pick("a%", "%e%", "_a%", "%\\%%", "x\\_y") + "')";
            case 3:
                return r.nextInt(3) > 0
                        ? "(" + intExpr(d) + " IN (1, 2, 3, -1))"
                        // a literal left of IN, a NULL or a nullable value in the list: a miss is NULL
                        : "("
                                + pick(
                                        "'3' IN (a, NULL)",
                                        "3 IN (a, NULL)",
                                        "1.5 IN (x, NULL)",
                                        "'3' NOT IN (a, NULL)",
                                        "4 IN (x, a)",
                                        "'-2' IN (id, a)",
                                        "a IN (" + intExpr(d) + ", NULL)",
                                        "s NOT IN ('apple', NULL)",
                                        "NULL NOT IN ('true', id)",
                                        // Spark computes both sides: the cast of s fails (Calcite dropped it)
                                        "s NOT IN (s, id)",
                                        "CAST(s AS INT) = CAST(s AS INT)")
                                + ")";
            case 4:
                return "(" + stringExpr(d) + " IN ('apple', 'Banana', ''))";
            case 5:
                return "(" + boolExpr(d) + " AND " + boolExpr(d) + ")";
            case 6:
                return "(" + boolExpr(d) + " OR " + boolExpr(d) + ")";
            case 7:
                return r.nextBoolean()
                        ? "(NOT " + boolExpr(d) + ")"
                        : "(" + pick("flag", boolExpr(d)) + " = "
                                + pick("'yes'", "'no'", "' T '", "'0'", "'Y'", "'false'") + ")";
            case 8:
                return "(" + intExpr(d) + " BETWEEN -3 AND 4)";
            case 9:
                return r.nextBoolean()
                        ? "(" + pick("a", "s", "ts", "x") + pick(" IS NULL)", " IS NOT NULL)")
                        // a string literal compared with a number or a time is cast to it (Spark's ANSI coercion)
                        : "("
                                + pick(
                                        "a = '3'",
                                        "b > '100'",
                                        "ts > '2024-01-15'",
                                        "x < '2.5'",
                                        "a IN ('1', '2', '-3')",
                                        "ts <= '2024-01-16 12:00:00'",
                                        // text with a DATE is a DATE; a BOOLEAN with a number has no common type
                                        "to_date(ts) = '2024-01-15 10:00:00'",
                                        "'2024-01-16' > to_date(ts)",
                                        "to_date(ts) IN ('2024-01-15', '2024-01-14 23:00:00', NULL)",
                                        "nullif(to_date(ts), '2024-01-15') IS NULL",
                                        pick("flag = 1", "nullif(flag, 0) IS NULL", "flag < 0.5", "1 <> flag"))
                                + ")";
            case 10:
                return "(" + tsExpr(d) + " < " + tsExpr(d) + ")";
            default:
                return "(" + stringExpr(d) + pick(" = ", " < ") + stringExpr(d) + ")";
        }
    }

    String tsExpr(int depth) {
        if (depth <= 0) {
            return pick("ts", "ts", "TIMESTAMP '2024-01-15 12:00:00'");
        }
        int d = depth - 1;
        switch (r.nextInt(8)) {
            case 0:
                return "date_trunc('" + pick("HOUR", "DAY", "MINUTE", "MONTH", "YEAR", "WEEK") + "', " + tsExpr(d)
                        + ")";
            case 1:
                // microsecond fractions: compared to the microsecond (Answers), as Spark keeps them
                return "to_timestamp('" + pick("2024-01-15 10:30:00.123456", "2024-02-29 23:59:59.999999") + "')";
            case 2:
                if (r.nextBoolean()) {
                    // Spark's timestampadd and its alias dateadd(unit, n, ts), to the microsecond
                    // (far counts: the calendar past year 9999, and Spark's [DATETIME_OVERFLOW] past the range)
                    return pick("TIMESTAMPADD(", "dateadd(")
                            + pick(
                                    "MICROSECOND",
                                    "MILLISECOND",
                                    "SECOND",
                                    "MINUTE",
                                    "HOUR",
                                    "DAY",
                                    "WEEK",
                                    "MONTH",
                                    "QUARTER",
                                    "YEAR")
                            + ", " + pick("id", "-3", "7", "1000001", "300000", "2147483648") + ", " + tsExpr(d) + ")";
                }
                return "(" + tsExpr(d) + " + INTERVAL '" + r.nextInt(48) + "' HOUR)";
            case 3:
                return "coalesce(" + tsExpr(d) + ", TIMESTAMP '2000-01-01 00:00:00')";
            case 4:
                return "to_timestamp(" + stringExpr(d) + ")";
            case 5:
                return "to_timestamp(date_format(" + tsExpr(d) + ", 'yyyy-MM-dd HH:mm'), 'yyyy-MM-dd HH:mm')";
            case 6:
                // a timestamp moved by the interval between two others (Spark's INTERVAL DAY TO SECOND)
                return "(" + tsExpr(d) + " + (" + tsExpr(d) + " - " + pick("ts", "DATE '2024-01-01'") + "))";
            default:
                return "CAST(" + pick("'2024-03-01 08:00:00'", "s") + " AS TIMESTAMP)";
        }
    }

    String anyExpr(int depth) {
        switch (r.nextInt(7)) {
            case 6:
                return builtinExpr(depth);
            case 0:
                return intExpr(depth);
            case 1:
                return doubleExpr(depth);
            case 2:
                return stringExpr(depth);
            case 3:
                return boolExpr(depth);
            case 4:
                return tsExpr(depth);
            default:
                return pick("unix_timestamp(ts)", "b", "(b * 2)", "(b div 7)");
        }
    }

    /** Spark's built-in date/time, text and math functions (SparkBuiltins), of every result type. */
    String builtinExpr(int depth) {
        int d = Math.max(0, depth - 1);
        switch (r.nextInt(9)) {
            case 8:
                return intervalExpr(d);
            case 6:
                return dateBuiltin(d);
            case 7:
                if (r.nextInt(3) == 0) {
                    // days past the DATE's years as text (Spark's INT of days wraps around; +15713-... has its sign);
                    // as a result column such a day is a known difference (Tablesaw's years end at 32767)
                    return "CAST(" + pick("date_add", "date_sub") + "(" + dateExpr(d) + ", "
                            + pick("2147483647", "5000000", "-800000000", "a * 100000000") + ") AS STRING)";
                }
                return "CAST(" + dateExpr(d) + " AS STRING)";
            case 0:
                return pick("day", "dayofmonth", "dayofweek", "weekday", "dayofyear", "weekofyear", "quarter") + "("
                        + tsExpr(d) + ")";
            case 1:
                return pick(
                        "last_day(" + tsExpr(d) + ")",
                        "next_day(" + tsExpr(d) + ", " + pick("'Mon'", "'tu'", "'FRIDAY'", "'sun'", "s") + ")",
                        pick("date_add", "date_sub") + "(" + tsExpr(d) + ", " + pick("1", "40", "-3", "a", "id") + ")",
                        "add_months(" + tsExpr(d) + ", " + pick("1", "-1", "13", "a") + ")",
                        "make_date(" + pick("2024", "2023", "1999") + ", " + pick("1", "2", "12", "(id % 13)") + ", "
                                + pick("1", "29", "31", "(id + 1)") + ")",
                        "to_date(" + pick("s", "'2024-03-01'", "'2024-03-01 08:00:00'", "CAST(ts AS STRING)") + ")",
                        // text next to a DATE is cast to a DATE (Spark's rule), also with a time of day
                        pick(
                                "coalesce(" + pick("'2024-01-01 00:00:00'", "'2024-02-03'", "NULL") + ", to_date("
                                        + tsExpr(d) + "))",
                                "CASE WHEN " + boolExpr(d) + " THEN '2024-01-16 08:00:00' ELSE to_date(ts) END",
                                "nvl(last_day(ts), '2024-05-01 12:00:00')",
                                "nullif(to_date(ts), '2024-01-15 23:59:59')"));
            case 2:
                return pick(
                        "datediff(" + tsExpr(d) + ", " + tsExpr(d) + ")",
                        "months_between(" + tsExpr(d) + ", " + tsExpr(d) + pick("", ", true", ", false") + ")",
                        "make_timestamp(2024, " + pick("1", "2", "(id % 12 + 1)") + ", " + pick("15", "29", "(id + 1)")
                                + ", " + pick("0", "23", "(id % 24)") + ", 30, "
                                + pick("45.887", "0", "59.999999", "60", "x") + ")",
                        // a DATE is refused as Spark refuses it (unix_* take a TIMESTAMP only)
                        pick("unix_seconds", "unix_millis", "unix_micros") + "("
                                + pick(tsExpr(d), tsExpr(d), "to_date(" + tsExpr(d) + ")") + ")",
                        // a time alone is that time on the current day
                        "date_format(CAST(" + pick("'10:15:30'", "'T07:05'", "'23:00:00-05:00'", "'T9'") + " AS"
                                + " TIMESTAMP), 'HH:mm:ss')",
                        "CAST(CAST('10:15:30' AS TIMESTAMP) AS DATE) = current_date()",
                        // a DATE past the TIMESTAMP's range, computed on the date itself
                        pick("dayofweek", "dayofyear", "weekofyear", "quarter", "year", "month", "last_day", "to_date")
                                + "(date_add(to_date(" + tsExpr(d) + "), " + pick("2147483000", "-2147483000", "a")
                                + "))",
                        pick("trunc(", "next_day(") + "date_add(to_date(ts), 2147483000), "
                                + pick("'MONTH'", "'WEEK'", "'YEAR'", "'Mon'") + ")");
            case 3:
                return pick(
                        "regexp_extract(" + stringExpr(d) + ", '" + pick("([a-z]+)", "([0-9]+)", "(a)(b)?", "^(.)")
                                + "', " + r.nextInt(2) + ")",
                        "regexp_replace(" + stringExpr(d) + ", '" + pick("[aeiou]", " ", "[0-9]+", "^.") + "', '"
                                + pick("", "#", "<$0>") + "')",
                        pick("lpad", "rpad") + "(" + stringExpr(d) + ", " + pick("-1", "0", "3", "8", "(a % 10)") + ", "
                                + pick("'*'", "'xy'", "''") + ")",
                        pick("lpad", "rpad") + "(" + stringExpr(d) + ", " + pick("2", "6") + ")",
                        pick("initcap", "ltrim", "rtrim", "btrim") + "(" + stringExpr(d) + ")",
                        pick("nvl", "ifnull") + "(" + stringExpr(d) + ", 'z')",
                        "nvl2(" + pick("a", "s", "x") + ", " + stringExpr(d) + ", 'none')");
            case 4:
                return pick(
                        "instr(" + stringExpr(d) + ", " + pick("'a'", "'an'", "''", "'e'") + ")",
                        "locate(" + pick("'a'", "'an'", "''") + ", " + stringExpr(d)
                                + pick("", ", 0", ", 1", ", 3", ", 20") + ")",
                        "pmod(" + intExpr(d) + ", " + pick("3", "-4", "7", "(id + 1)") + ")",
                        "nvl(" + intExpr(d) + ", -1)",
                        "nullif(" + intExpr(d) + ", " + pick("1", "a") + ")");
            default:
                return pick(
                        pick("sign", "signum") + "(" + doubleExpr(d) + ")",
                        "pmod(" + doubleExpr(d) + ", " + pick("2.5E0", "-3") + ")",
                        "bround(" + doubleExpr(d) + pick("", ", 0", ", 1", ", 2", ", -1") + ")",
                        pick("log2", "log10", "ln") + "(" + doubleExpr(d) + ")",
                        "log(" + pick("2", "10", "0.5E0") + ", " + doubleExpr(d) + ")",
                        pick("pow", "power") + "(" + doubleExpr(d) + ", " + pick("2", "0.5E0", "-1", "3") + ")");
        }
    }

    /**
     * Spark's ANSI intervals: DATE - DATE (INTERVAL DAY), TIMESTAMP - TIMESTAMP or DATE (DAY TO SECOND), literals,
     * their sums, negation, comparison and text, a timestamp moved by one, an interval divided by a number and the seconds
     * of one.
     */
    String intervalExpr(int depth) {
        int d = Math.max(0, depth - 1);
        String days = "(" + dateExpr(d) + " - " + dateExpr(d) + ")";
        String span = "(" + tsExpr(d) + " - " + pick(tsExpr(d), dateExpr(d), "TIMESTAMP '2024-01-01 00:00:00'") + ")";
        switch (r.nextInt(12)) {
            case 11:
                return intervalMore(depth);
            case 0:
                return days;
            case 1:
                return span;
            case 2:
                return "INTERVAL '" + r.nextInt(50) + "' " + pick("DAY", "HOUR", "MINUTE", "SECOND");
            case 3:
                return "(" + pick(days, span) + pick(" + ", " - ") + "INTERVAL '" + r.nextInt(30) + "' "
                        + pick("DAY", "HOUR", "MINUTE") + ")";
            case 4:
                return "-" + pick(days, span);
            case 5:
                return "CAST(" + pick(days, span) + " AS STRING)";
            case 6:
                return "(" + span + pick(" > ", " <= ", " = ") + pick("INTERVAL '1' DAY", days, span) + ")";
            case 7:
                return "CAST((" + tsExpr(d) + " + " + span + ") AS STRING)";
            case 8:
            case 9:
                return intervalArithmetic(depth);
            default:
                return "typeof(" + pick(days, span, "INTERVAL '3' HOUR") + ")";
        }
    }

    /**
     * An interval divided by a number (Spark's DivideDTInterval/DivideYMInterval: HALF_UP, [INTERVAL_DIVIDED_BY_ZERO]),
     * the seconds of one (DECIMAL(8, 6), or [INVALID_EXTRACT_FIELD] for an interval without seconds) or {@code
     * date_diff(end, start)} (Spark's datediff).
     */
    String intervalArithmetic(int depth) {
        int d = Math.max(0, depth - 1);
        String days = "(" + dateExpr(d) + " - " + dateExpr(d) + ")";
        String span = "(" + tsExpr(d) + " - " + pick(tsExpr(d), dateExpr(d), "TIMESTAMP '2024-01-01 00:00:00'") + ")";
        switch (r.nextInt(3)) {
            case 0:
                String quotient = "(" + pick(days, span, "INTERVAL '3' HOUR", "INTERVAL '1-2' YEAR TO MONTH") + " / "
                        + pick("2", "3", "-4", "0", "2.5", "1.5E0", "a") + ")";
                return pick(quotient, "CAST(" + quotient + " AS STRING)", "typeof(" + quotient + ")");
            case 1:
                return "extract(SECOND FROM " + pick(span, span, days, "INTERVAL '90' SECOND") + ")";
            default:
                return "date_diff(" + dateExpr(d) + ", " + pick(dateExpr(d), "ts") + ")";
        }
    }

    /**
     * Spark's interval products (the widest interval of their kind, HALF_UP), make_dt_interval and make_ym_interval,
     * EXTRACT of a field an interval may not have ([INVALID_EXTRACT_FIELD]), casts and literals of several units
     * ({@link #intervalForm}).
     */
    String intervalMore(int depth) {
        int d = Math.max(0, depth - 1);
        String days = "(" + dateExpr(d) + " - " + dateExpr(d) + ")";
        String span = "(" + tsExpr(d) + " - " + pick(tsExpr(d), dateExpr(d), "TIMESTAMP '2024-01-01 00:00:00'") + ")";
        switch (r.nextInt(6)) {
            case 0:
            case 1:
                return intervalForm(d, days, span);
            case 2:
                String product = "(" + pick(days, span, "INTERVAL '3' HOUR", "INTERVAL '1-2' YEAR TO MONTH", "x")
                        + " * " + pick("2", "-3", "a", "2.5", "1.5E0", "x", "INTERVAL '90' MINUTE") + ")";
                return pick("CAST(" + product + " AS STRING)", "typeof(" + product + ")");
            case 3:
                return "CAST(make_dt_interval(" + pick("a", "id", "1", "-2")
                        + pick(
                                "",
                                ", " + pick("id", "3")
                                        + pick(
                                                "",
                                                ", " + pick("a", "59")
                                                        + pick("", ", " + pick("x", "1.5", "61.000001"))))
                        + ") AS STRING)";
            case 4:
                return pick(
                        "CAST(make_ym_interval(" + pick("a", "id", "-1") + pick("", ", " + pick("id", "14", "a"))
                                + ") AS STRING)",
                        "typeof(make_" + pick("dt", "ym") + "_interval(a))");
            default:
                return "extract(" + pick("DAY", "HOUR", "MINUTE") + " FROM "
                        + pick(days, span, "INTERVAL '3' HOUR", "INTERVAL '1 02:03' DAY TO MINUTE") + ")";
        }
    }

    /**
     * Casts between intervals (cut to the target's last field), from whole numbers and text (Spark's forms and bad
     * text), to text, and literals of several units ({@code INTERVAL 1 DAY 2 HOURS}).
     */
    private String intervalForm(int d, String days, String span) {
        switch (r.nextInt(5)) {
            case 0:
                String target = pick(
                        "DAY",
                        "HOUR",
                        "MINUTE",
                        "SECOND",
                        "DAY TO HOUR",
                        "HOUR TO MINUTE",
                        "DAY TO SECOND",
                        "MINUTE TO SECOND");
                return pick("CAST(CAST(", "typeof(CAST(")
                        + pick(days, span, "-" + span, "INTERVAL '1 02:03:04.5' DAY" + " TO SECOND") + " AS INTERVAL "
                        + target + ")" + pick(" AS STRING)", ")");
            case 1:
                // whole numbers and DECIMALs count the target's last field (of one field or two)
                return "CAST(" + pick("CAST(", "try_cast(")
                        + pick("a", "id", "-3", "2.5", "-1.2345675", "CAST(x AS DECIMAL(6, 2))") + " AS INTERVAL "
                        + pick(
                                "DAY",
                                "HOUR",
                                "MINUTE",
                                "SECOND",
                                "YEAR",
                                "MONTH",
                                "DAY TO HOUR",
                                "YEAR TO MONTH",
                                "MINUTE TO SECOND",
                                "HOUR TO SECOND")
                        + ") AS STRING)";
            case 2:
                return "CAST(" + pick("CAST", "try_cast") + "("
                        + pick(
                                "CAST(" + pick(days, span) + " AS STRING)",
                                "'1 02:03:04.5'",
                                "' -3 '",
                                "'02:03'",
                                "'INTERVAL ''1-2'' YEAR TO MONTH'",
                                "'1-11'",
                                "s",
                                "'1 25:00:00'",
                                // past a type's range: a DAY, HOUR or MINUTE alone wraps around in Spark 4.2
                                "CAST(a + 106751990 AS STRING)",
                                "CAST(CAST(id AS BIGINT) * 1000000000 AS STRING)",
                                "'-2147483648'",
                                "'-178956970-8'",
                                "'153722867281'")
                        + " AS INTERVAL "
                        + pick(
                                "DAY TO SECOND",
                                "DAY",
                                "HOUR TO MINUTE",
                                "YEAR TO MONTH",
                                "MONTH",
                                "HOUR",
                                "MINUTE",
                                "YEAR")
                        + ") AS STRING)";
            case 3:
                return pick(
                        "CAST(CAST(INTERVAL '" + pick("-1-5", "3-11") + "' YEAR TO MONTH AS INTERVAL "
                                + pick("YEAR", "MONTH") + ") AS STRING)",
                        // an interval's fields: Spark's INT (DAY, YEAR) or TINYINT (HOUR, MINUTE, MONTH)
                        pick("typeof(", "(") + "EXTRACT(" + pick("YEAR", "MONTH") + " FROM make_ym_interval(a, 2)))",
                        pick("typeof(", "(") + "EXTRACT(" + pick("DAY", "HOUR", "MINUTE") + " FROM "
                                + pick(days, span, "make_dt_interval(a, 3, a)") + ") + 200)",
                        // an interval to a number: its count of its last field
                        pick("CAST(", "try_cast(")
                                + pick(
                                        days,
                                        span,
                                        "INTERVAL '1-2' YEAR TO MONTH",
                                        "INTERVAL '1 02' DAY TO HOUR",
                                        "make_ym_interval(a, 2)")
                                + " AS " + pick("INT", "BIGINT", "TINYINT", "DECIMAL(12, 3)", "DECIMAL(4, 0)") + ")");
            default:
                String literal = pick(
                        "INTERVAL 1 DAY 2 HOURS",
                        "INTERVAL '1' YEAR '2' MONTH",
                        "INTERVAL 2 HOURS 30 MINUTES",
                        "INTERVAL -1 DAY 2 HOURS",
                        "INTERVAL 1 WEEK 3 DAYS",
                        "INTERVAL 3 MINUTES 4.5 SECONDS",
                        "INTERVAL 1 YEAR 2 DAYS");
                return pick(
                        "CAST(" + literal + " AS STRING)",
                        "typeof(" + literal + ")",
                        "CAST((" + tsExpr(d) + " + " + literal + ") AS STRING)");
        }
    }

    String constantInBranch() {
        String never = pick("(a > 1000)", "false", "(id < 0)", "(s = 'zzz')", "(1 > 2)");
        String sometimes = pick("flag", "(a > 5)", "(x IS NULL)");
        String cond = r.nextInt(3) == 0 ? sometimes : never;
        String bad = pick("CAST('x' AS INT)", "CAST('x' AS BIGINT)", "CAST('1.5x' AS DOUBLE)");
        switch (r.nextInt(8)) {
            case 0:
                return "CASE WHEN " + cond + " THEN " + bad + " ELSE " + pick("a", "id", "1") + " END";
            case 1:
                return "coalesce(" + pick("2", "id + 1", "-4", "a") + ", " + pick("'x'", "'7'", "CAST('x' AS INT)")
                        + ")";
            case 2:
                return "IF(" + cond + ", " + bad + ", " + pick("a", "0", "b") + ")";
            case 7:
                return "CASE WHEN " + cond + " THEN (a = 'x') ELSE " + pick("(a = 3)", "flag") + " END";
            case 3:
                return "CASE WHEN " + pick("true", "false", "(1 = 1)") + " THEN " + pick("a", "CAST('x' AS INT)", "3")
                        + " ELSE " + pick("CAST('y' AS INT)", "id") + " END";
            case 4:
                return "coalesce(" + pick("NULL", "CAST(NULL AS INT)") + ", " + pick("'x'", "'12'", "a") + ")";
            case 5:
                return operandOrder();
            default:
                return "CASE WHEN " + cond + " THEN " + pick("CAST('x' AS DOUBLE)", "CAST(s AS DOUBLE)")
                        + " ELSE x END";
        }
    }

    /**
     * A failing coalesce(a, 'x') under an operator: Spark computes an operator's right operand only for a row whose
     * left operand is not NULL, and a division's dividend only where its divisor is not NULL, so it fails only for
     * the rows that compute it (none when a is NULL in every such row).
     */
    private String operandOrder() {
        switch (r.nextInt(6)) {
            case 4:
            case 5:
                return functionArgumentOrder();
            case 0:
                return "(" + intExpr(1) + " + coalesce(" + pick("2", "-4") + ", 'x'))";
            case 1:
                return "((a + a) + coalesce(a, 'x'))";
            case 2:
                return "(" + pick("a", "(a - 1)", "(a * id)") + " " + pick("*", "-", "=", "<") + " coalesce(a, 'x'))";
            default:
                return "(coalesce(a, 'x') " + pick("/", "%", "div") + " " + pick("a", "(a + 1)") + ")";
        }
    }

    /**
     * A function with an argument that fails where a is NULL after one that is NULL there (or is not): Spark computes
     * a null-intolerant function's arguments in order, each only where the ones before are not NULL, so the first
     * shapes never fail and the others fail when a row has a NULL a but not a NULL argument before it; concat
     * computes every argument and fails for every NULL a.
     */
    private String functionArgumentOrder() {
        String bad = "CAST(coalesce(CAST(a AS STRING), 'x') AS INT)";
        String text = "CAST(" + bad + " AS STRING)";
        switch (r.nextInt(10)) {
            case 0:
                return "substring(" + pick("s", "CAST(a AS STRING)") + ", " + pick("a", "1", "(a % 10)") + ", " + bad
                        + ")";
            case 1:
                return pick("lpad", "rpad") + "(" + pick("s", "CAST(a AS STRING)") + ", " + pick("(a % 10)", "4") + ", "
                        + text + ")";
            case 2:
                return "regexp_replace(" + pick("CAST(a AS STRING)", "s") + ", '1', " + text + ")";
            case 3:
                return "date_add(" + pick("to_date(ts)", "date_add(DATE '2024-01-01', a)") + ", " + bad + ")";
            case 4:
                return "datediff(" + pick("ts", "date_add(DATE '2024-01-01', a)") + ", date_add(DATE '2024-01-01', "
                        + bad + "))";
            case 5:
                return "instr(" + pick("CAST(a AS STRING)", "s") + ", " + text + ")";
            case 6:
                return pick("pow", "power") + "(" + pick("a", "x", "(a - 1)") + ", " + bad + ")";
            case 7:
                return "pmod(" + bad + ", " + pick("a", "(a + 11)") + ")";
            case 8:
                return "date_format(" + pick("ts", "date_add(DATE '2024-01-01', a)") + ", " + pick("'yyyy'", text)
                        + ")";
            default:
                return "concat(" + pick("CAST(a AS STRING)", "s") + ", " + text + ")";
        }
    }

    /** greatest/least over NaN (sqrt of a negative), which Spark orders above every number. */
    String nanExtreme() {
        return pick("greatest", "least") + "(" + pick("sqrt(x - 1.0E0), ", "", "NULL, ") + doubleExpr(1) + ", sqrt("
                + pick("x", "-x", "(x - 1.0E0)") + ")" + pick("", ", a", ", 2") + ")";
    }

    /** DATE-valued expressions: columns' days, date literals, Spark's date arithmetic and DATE functions. */
    String dateExpr(int depth) {
        if (depth <= 0) {
            return pick("to_date(ts)", "CAST(ts AS DATE)", "DATE '2024-02-29'", "DATE '2023-12-31'");
        }
        int d = depth - 1;
        switch (r.nextInt(9)) {
            case 0:
                return "(" + dateExpr(d) + pick(" + ", " - ") + pick("a", "id", "3", "-40", "(id % 7)") + ")";
            case 1:
                return "(" + pick("1", "a", "id") + " + " + dateExpr(d) + ")";
            case 2:
                return "(" + dateExpr(d) + pick(" + ", " - ") + "INTERVAL '" + r.nextInt(40) + "' "
                        + pick("DAY", "MONTH", "YEAR") + ")";
            case 3:
                return "trunc(" + pick(dateExpr(d), tsExpr(d)) + ", '"
                        + pick("MM", "YEAR", "week", "QUARTER", "mon", "yy", "Q", "DAY") + "')";
            case 4:
                return "date_from_unix_date(unix_date(" + dateExpr(d) + ") + " + pick("id", "a", "-1000") + ")";
            case 5:
                return pick("date_add", "date_sub", "dateadd") + "(" + dateExpr(d) + ", " + pick("a", "7", "id") + ")";
            case 6:
                return pick("last_day", "to_date") + "(" + dateExpr(d) + ")";
            case 7:
                return "add_months(" + dateExpr(d) + ", " + pick("1", "-13", "a") + ")";
            default:
                return "make_date(" + pick("2024", "2023") + ", " + pick("2", "(id % 12 + 1)") + ", "
                        + pick("1", "28", "(id % 28 + 1)") + ")";
        }
    }

    /** Spark's functions of a DATE (numbers, text and timestamps), and the query's own time. */
    String dateBuiltin(int depth) {
        String x = dateExpr(depth);
        String y = pick(dateExpr(depth), "DATE '2024-01-01'", "to_date(ts)");
        switch (r.nextInt(9)) {
            case 0:
                return pick(
                                "dayofweek",
                                "weekofyear",
                                "quarter",
                                "dayofyear",
                                "day",
                                "weekday",
                                "unix_date",
                                "year",
                                "month")
                        + "(" + x + ")";
            case 1:
                return "date_part('"
                        + pick(
                                "YEAR",
                                "dow",
                                "week",
                                "doy",
                                "QUARTER",
                                "mon",
                                "d",
                                "dayofweek_iso",
                                "yearofweek",
                                "hour")
                        + "', " + pick(x, "ts") + ")";
            case 2:
                return "extract(" + pick("YEAR", "MONTH", "DAY", "DOW", "WEEK", "QUARTER", "DOY", "HOUR", "SECOND")
                        + " FROM " + pick(x, "ts") + ")";
            case 3:
                return pick(
                        "datediff(" + x + ", " + y + ")",
                        "date_diff(" + x + ", " + y + ")",
                        "months_between(" + x + ", " + y + ")");
            case 4:
                return pick("datediff", "timestampdiff") + "(" + pick("DAY", "HOUR", "MONTH", "YEAR", "WEEK", "MINUTE")
                        + ", " + pick(x, "ts") + ", " + pick(y, "ts") + ")";
            case 5:
                return "date_format(" + x + ", '" + pick("yyyy-MM-dd", "EEE d MMM yyyy", "D", "yyyy/MM/dd HH:mm")
                        + "')";
            case 6:
                return "(" + x + pick(" + ", " - ") + "INTERVAL '" + r.nextInt(30) + "' " + pick("HOUR", "MINUTE")
                        + ")";
            case 7:
                return pick("(ts + INTERVAL ", "(ts - INTERVAL ") + (r.nextInt(90) + 1) + " "
                        + pick("SECONDS", "MINUTES", "HOURS", "DAYS") + ")";
            default:
                // the query's time: one value for the whole query in both (the values themselves differ by run)
                return pick(
                        "(current_timestamp() = now())",
                        "(current_date() = to_date(current_timestamp()))",
                        "(curdate() > DATE '2024-01-01')",
                        "datediff(current_date(), curdate())");
        }
    }

    String pick(String... options) {
        return options[r.nextInt(options.length)];
    }
}
