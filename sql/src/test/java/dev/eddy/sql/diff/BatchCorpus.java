package dev.eddy.sql.diff;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A seeded generator of batch SQL over two generated tables, written in the SQL both Eddy and Spark read:
 * expressions of every column type, the functions issue 12 names, aggregates, GROUP BY/HAVING, ORDER BY/LIMIT
 * and joins, over NULL-heavy rows. Each query is kept as its parts so a mismatch can be minimised.
 */
final class BatchCorpus {
    /** A column of a generated table: its name, SQL type and values (null allowed). */
    record Column(String name, String type, List<Object> values) {}

    /** A generated table. */
    record Table(String name, List<Column> columns) {
        int rows() {
            return columns.get(0).values().size();
        }
    }

    /**
     * One query as parts: SELECT items, FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT; {@code ordered} says the
     * rows' order is part of the answer, {@code approx} marks select items compared within Spark's error.
     */
    record Query(
            List<String> items,
            List<Boolean> approx,
            String from,
            String where,
            String groupBy,
            String having,
            String orderBy,
            Integer limit,
            boolean ordered) {
        String sql() {
            StringBuilder b = new StringBuilder("SELECT ");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ", ")
                        .append(items.get(i))
                        .append(" AS c")
                        .append(i + 1);
            }
            b.append(" FROM ").append(from);
            if (where != null) b.append(" WHERE ").append(where);
            if (groupBy != null) b.append(" GROUP BY ").append(groupBy);
            if (having != null) b.append(" HAVING ").append(having);
            if (orderBy != null) b.append(" ORDER BY ").append(orderBy);
            if (limit != null) b.append(" LIMIT ").append(limit);
            return b.toString();
        }

        /** Smaller variants of this query, simplest first, for minimising a mismatch. */
        List<Query> shrinks() {
            List<Query> out = new ArrayList<>();
            if (orderBy == null) {
                for (int i = 0; i < items.size() && items.size() > 1; i++) {
                    out.add(new Query(
                            List.of(items.get(i)),
                            List.of(approx.get(i)),
                            from,
                            where,
                            groupBy,
                            having,
                            null,
                            null,
                            false));
                }
            }
            if (where != null) out.add(new Query(items, approx, from, null, groupBy, having, orderBy, limit, ordered));
            if (having != null) out.add(new Query(items, approx, from, where, groupBy, null, orderBy, limit, ordered));
            if (orderBy != null) out.add(new Query(items, approx, from, where, groupBy, having, null, null, false));
            return out;
        }
    }

    static final long BASE_MICROS =
            LocalDateTime.of(2024, 1, 15, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli() * 1000;
    private static final String[] WORDS = {
        "apple",
        "Banana",
        "cherry pie",
        "a%b",
        "x_y",
        "123",
        "  pad ",
        "-7",
        "2024-01-15 10:30:00",
        "3.5",
        "Zebra",
        "naïve"
    };

    private final Random r;

    BatchCorpus(long seed) {
        // mixed first: java.util.Random's first draws from consecutive seeds are nearly equal (the first
        // nextInt(8) of seeds S, S+1, ... was always 3, so every query was a GROUP BY query)
        this.r = new Random(new SplittableRandom(seed).nextLong());
    }

    List<Table> tables() {
        return List.of(table("t1", 40, true), table("t2", 25, false));
    }

    private Table table(String name, int n, boolean first) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("id", "INT", gen(n, () -> r.nextInt(30))));
        if (first) {
            cols.add(new Column(
                    "a",
                    "INT",
                    gen(n, () -> r.nextInt(100) == 0 ? Integer.MAX_VALUE - r.nextInt(3) : r.nextInt(21) - 10)));
            cols.add(new Column(
                    "b",
                    "BIGINT",
                    gen(n, () -> r.nextInt(50) == 0 ? Long.MAX_VALUE / 8 : (long) r.nextInt(2001) - 1000)));
            cols.add(new Column(
                    "x",
                    "DOUBLE",
                    gen(
                            n,
                            () -> r.nextInt(4) == 0
                                    ? (double) (r.nextInt(9) - 4) / 2
                                    : Math.round((r.nextDouble() * 200 - 100) * 1000) / 1000.0)));
            cols.add(new Column("s", "STRING", gen(n, () -> WORDS[r.nextInt(WORDS.length)])));
            cols.add(new Column("flag", "BOOLEAN", gen(n, r::nextBoolean)));
            cols.add(new Column(
                    "ts",
                    "TIMESTAMP",
                    gen(
                            n,
                            () -> BASE_MICROS
                                    + (r.nextInt(4 * 24 * 3600) - 2 * 24 * 3600) * 1_000_000L
                                    + r.nextInt(1000) * 1000L)));
        } else {
            cols.add(new Column("k", "STRING", gen(n, () -> WORDS[r.nextInt(6)])));
            cols.add(new Column("v", "INT", gen(n, () -> r.nextInt(11) - 5)));
            cols.add(new Column("y", "DOUBLE", gen(n, () -> (double) r.nextInt(1000) / 8)));
            cols.add(new Column("ts", "TIMESTAMP", gen(n, () -> BASE_MICROS + r.nextInt(3 * 24 * 3600) * 1_000_000L)));
        }
        return new Table(name, cols);
    }

    private List<Object> gen(int n, Supplier<Object> value) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.nextInt(5) == 0 ? null : value.get());
        }
        return out;
    }

    // ---- expressions over t1 (a INT, b BIGINT, x DOUBLE, s STRING, flag BOOLEAN, ts TIMESTAMP, id INT) ----

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
                return "CAST(" + doubleExpr(d) + " AS INT)";
            case 10:
                return "CAST(" + pick("s", "'42'", "' 7 '", "'x'") + " AS INT)";
            case 11:
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
                return "abs(" + doubleExpr(d) + ")";
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
                return "(" + dec + " * " + pick("a", "1.5", "id") + ")";
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
                return r.nextBoolean() ? "CAST(" + doubleExpr(d) + " AS STRING)" : "typeof(" + anyExpr(d) + ")";
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
                return "(" + intExpr(d) + " IN (1, 2, 3, -1))";
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
                                        "ts <= '2024-01-16 12:00:00'")
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
        switch (r.nextInt(7)) {
            case 0:
                return "date_trunc('" + pick("HOUR", "DAY", "MINUTE", "MONTH", "YEAR", "WEEK") + "', " + tsExpr(d)
                        + ")";
            case 1:
                // microsecond fractions: compared to the microsecond (Answers), as Spark keeps them
                return "to_timestamp('" + pick("2024-01-15 10:30:00.123456", "2024-02-29 23:59:59.999999") + "')";
            case 2:
                return "(" + tsExpr(d) + " + INTERVAL '" + r.nextInt(48) + "' HOUR)";
            case 3:
                return "coalesce(" + tsExpr(d) + ", TIMESTAMP '2000-01-01 00:00:00')";
            case 4:
                return "to_timestamp(" + stringExpr(d) + ")";
            case 5:
                return "to_timestamp(date_format(" + tsExpr(d) + ", 'yyyy-MM-dd HH:mm'), 'yyyy-MM-dd HH:mm')";
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
        switch (r.nextInt(6)) {
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
                        "to_date(" + pick("s", "'2024-03-01'", "'2024-03-01 08:00:00'", "CAST(ts AS STRING)") + ")");
            case 2:
                return pick(
                        "datediff(" + tsExpr(d) + ", " + tsExpr(d) + ")",
                        "months_between(" + tsExpr(d) + ", " + tsExpr(d) + pick("", ", true", ", false") + ")",
                        "make_timestamp(2024, " + pick("1", "2", "(id % 12 + 1)") + ", " + pick("15", "29", "(id + 1)")
                                + ", " + pick("0", "23", "(id % 24)") + ", 30, "
                                + pick("45.887", "0", "59.999999", "60", "x") + ")",
                        pick("unix_seconds", "unix_millis", "unix_micros") + "(" + tsExpr(d) + ")");
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

    // ---- queries ----

    Query next() {
        switch (r.nextInt(10)) {
            case 0:
            case 1:
                return projection();
            case 2:
            case 3:
                return grouped();
            case 4:
                return global();
            case 5:
                return ordered();
            case 8:
                return constantsInBranches();
            case 9:
                return floatingNextToDistinct();
            default:
                return join();
        }
    }

    /**
     * Constants that cannot be computed (a cast of 'x' to a number) under CASE, coalesce and IF, in branches that no
     * row takes, that some rows take, or that a constant condition picks: Spark fails the query only when the
     * failing constant is computed (its ConstantFolding leaves a failing constant in a conditional branch to the
     * rows).
     */
    private Query constantsInBranches() {
        List<String> items = new ArrayList<>();
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            items.add(constantInBranch());
        }
        // no WHERE: Spark computes a projection over a small local table row by row while planning (its
        // ConvertToLocalRelation), so a failing constant fails there only if a row passes the filter (a known
        // difference, sql/README.md)
        return new Query(items, falses(n), "t1", null, null, null, null, null, false);
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
        switch (r.nextInt(4)) {
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
     * Aggregates of DOUBLEs that hold NaN, NULL and infinities next to a COUNT(DISTINCT ...): Calcite's plan for
     * distinct aggregates picks the other aggregates' values with a MIN that lost NaN and +Infinity.
     */
    private Query floatingNextToDistinct() {
        List<String> items = new ArrayList<>();
        boolean grouped = r.nextBoolean();
        String key = grouped ? groupKey() : null;
        if (grouped) {
            items.add(key);
        }
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String v = pick(
                    "sqrt(x)",
                    "sqrt(-x)",
                    "CASE WHEN flag THEN sqrt(-1.0E0) END",
                    "CASE WHEN x > 0 THEN CAST('Infinity' AS DOUBLE) ELSE x END",
                    "CASE WHEN x > 50 THEN CAST('-Infinity' AS DOUBLE) WHEN x < -50 THEN CAST('Infinity' AS DOUBLE) END",
                    "(x * 1.0E307)",
                    "x");
            items.add(pick("SUM", "AVG", "MIN", "MAX", "COUNT", "try_sum", "try_avg") + "(" + v + ")");
        }
        items.add("COUNT(DISTINCT " + pick("a", "s", "flag", "x") + ")");
        if (r.nextInt(3) == 0) {
            items.add("approx_count_distinct(" + pick("sqrt(x)", "a") + ")");
        }
        return new Query(
                items,
                falses(items.size()),
                "t1",
                r.nextInt(3) == 0 ? boolExpr(1) : null,
                key,
                null,
                null,
                null,
                false);
    }

    private Query projection() {
        int n = 1 + r.nextInt(3);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(anyExpr(1 + r.nextInt(2)));
        }
        if (r.nextInt(4) == 0) {
            items.add(nanExtreme());
            n++;
        }
        return new Query(items, falses(n), "t1", r.nextInt(3) == 0 ? boolExpr(1) : null, null, null, null, null, false);
    }

    /** greatest/least over NaN (sqrt of a negative), which Spark orders above every number. */
    private String nanExtreme() {
        return pick("greatest", "least") + "(" + pick("sqrt(x - 1.0E0), ", "", "NULL, ") + doubleExpr(1) + ", sqrt("
                + pick("x", "-x", "(x - 1.0E0)") + ")" + pick("", ", a", ", 2") + ")";
    }

    private String groupKey() {
        return pick("s", "flag", "(a % 3)", "date_trunc('DAY', ts)", "upper(s)", "(a div 4)", "(id % 5)");
    }

    private String aggregate() {
        switch (r.nextInt(12)) {
            case 0:
                return "COUNT(*)";
            case 1:
                return r.nextInt(4) == 0
                        ? pick(
                                "SUM(ts)",
                                "AVG(ts)",
                                "AVG(flag)",
                                "SUM(s)",
                                "try_sum(ts)",
                                "MAX(typeof(a))") // not typeof(SUM(a)): Spark 4.2 fails it with HAVING
                        // (PLAN_VALIDATION_FAILED_RULE_IN_BATCH)
                        : "COUNT(" + pick("a", "s", "x", "ts") + ")";
            case 2:
                return "SUM(" + pick("a", "b", "x", "id", "(b * 4)") + ")";
            case 3:
                return "AVG(" + pick("a", "x", "id", "b") + ")";
            case 4:
                return pick("MIN", "MAX") + "(" + pick("a", "x", "s", "ts", "b") + ")";
            case 5:
                return "COUNT(DISTINCT " + pick("a", "s", "flag") + ")";
            case 6:
                return "(SUM(" + pick("a", "id") + ") / COUNT(*))";
            case 7:
                return "(MAX(" + pick("a", "id") + ") / 2)";
            case 8:
                // greatest/least's NaN is compared as text
                return r.nextBoolean() ? "SUM(" + doubleExpr(1) + ")" : "MAX(CAST(" + nanExtreme() + " AS STRING))";
            case 9:
                return r.nextBoolean()
                        ? "round(AVG(" + pick("x", "a") + "), 2)"
                        : r.nextBoolean()
                                ? "try_sum(" + pick("a", "b", "x", "id", "(b * 4)") + ")"
                                // AVG of a DECIMAL (rounded HALF_UP at scale + 4) and of (b * 4) (its BIGINT sum
                                // passes the range: Spark sums as a DOUBLE)
                                : pick("try_avg", "AVG") + "("
                                        + pick(
                                                "a",
                                                "b",
                                                "x",
                                                "id",
                                                "(b * 4)",
                                                "CAST(x AS DECIMAL(12, 3))",
                                                "CAST(a AS DECIMAL(10, 2))",
                                                "(CAST(a AS DECIMAL(10, 2)) / 3)")
                                        + ")";
            case 10:
                return "SUM(CASE WHEN " + boolExpr(1) + " THEN 1 ELSE 0 END)";
            default:
                return "MAX(" + stringExpr(1) + ")";
        }
    }

    private Query grouped() {
        String key = groupKey();
        List<String> items = new ArrayList<>(List.of(key));
        List<Boolean> approx = new ArrayList<>(List.of(false));
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            items.add(aggregate());
            approx.add(false);
        }
        String having = r.nextInt(3) == 0 ? pick("COUNT(*) > 1", "SUM(a) > 0", "AVG(x) < 10", "MAX(id) >= 10") : null;
        return new Query(items, approx, "t1", r.nextInt(3) == 0 ? boolExpr(1) : null, key, having, null, null, false);
    }

    private Query global() {
        List<String> items = new ArrayList<>();
        List<Boolean> approx = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(5) == 0) {
                items.add("approx_count_distinct(" + pick("a", "s", "id", "x") + ")");
                approx.add(true);
            } else {
                items.add(aggregate());
                approx.add(false);
            }
        }
        return new Query(items, approx, "t1", r.nextInt(2) == 0 ? boolExpr(1) : null, null, null, null, null, false);
    }

    private Query ordered() {
        int n = 1 + r.nextInt(3);
        List<String> items = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i == 0 ? pick("a", "s", "x", "ts", "flag") : anyExpr(1));
            orders.add("c" + (i + 1) + pick("", " ASC", " DESC", " ASC NULLS LAST", " DESC NULLS FIRST"));
        }
        // the order covers every output column, so ties are identical rows and the order is Spark's to the row
        return new Query(
                items,
                falses(n),
                "t1",
                r.nextInt(3) == 0 ? boolExpr(1) : null,
                null,
                null,
                String.join(", ", orders),
                r.nextBoolean() ? 1 + r.nextInt(15) : null,
                true);
    }

    private Query join() {
        String type = pick("JOIN", "LEFT JOIN", "JOIN");
        String from =
                "t1 " + type + " t2 ON t1.id = t2.id" + (r.nextBoolean() ? "" : " AND t2.v > " + (r.nextInt(5) - 3));
        if (r.nextBoolean()) {
            List<String> items = List.of(
                    pick("t1.s", "t2.k", "t1.flag"),
                    "COUNT(*)",
                    pick("SUM(t2.v)", "AVG(t2.y)", "MAX(t1.a)", "COUNT(t2.k)"));
            return new Query(items, falses(3), from, null, items.get(0), null, null, null, false);
        }
        List<String> items = List.of(
                "t1.id", pick("t1.a", "t1.s", "t1.x"), pick("t2.k", "t2.v", "t2.y", "(t1.a + t2.v)", "(t2.v / t1.a)"));
        return new Query(
                items,
                falses(3),
                from,
                r.nextInt(3) == 0 ? pick("t2.k IS NULL", "t1.a > t2.v", "t2.y < 50") : null,
                null,
                null,
                null,
                null,
                false);
    }

    private static List<Boolean> falses(int n) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(false);
        return out;
    }

    private String pick(String... options) {
        return options[r.nextInt(options.length)];
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plusNanos(micros * 1000);
    }
}
