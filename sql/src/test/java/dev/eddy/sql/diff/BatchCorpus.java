package dev.eddy.sql.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A seeded generator of batch SQL over two generated tables ({@link CorpusTables}), written in the SQL both Eddy and
 * Spark read: expressions of every column type ({@link CorpusExpressions}), the functions issue 12 names, aggregates,
 * GROUP BY/HAVING, ORDER BY/LIMIT and joins, over NULL-heavy rows. Each query is kept as its parts ({@link Query}) so
 * a mismatch can be minimised.
 */
final class BatchCorpus {
    private final Random r;
    private final CorpusExpressions exprs;
    /** Whether next() draws long lists: decided apart, so that a seed's other queries stay what they were. */
    private final boolean longLists;

    BatchCorpus(long seed) {
        this.longLists = new SplittableRandom(seed ^ 0x1157_0BL).nextInt(10) == 0;
        // mixed first: java.util.Random's first draws from consecutive seeds are nearly equal (the first
        // nextInt(8) of seeds S, S+1, ... was always 3, so every query was a GROUP BY query)
        this.r = new Random(new SplittableRandom(seed).nextLong());
        this.exprs = new CorpusExpressions(r);
    }

    List<CorpusTables.Table> tables() {
        return CorpusTables.draw(r);
    }

    Query next() {
        if (longLists) {
            return longLists();
        }
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
            case 7:
                return r.nextBoolean() ? evaluationOrder() : join();
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
            items.add(exprs.constantInBranch());
        }
        if (r.nextInt(3) == 0) {
            // a constant that fails outside any branch
            items.add(pick("CAST('x' AS INT)", "(coalesce(NULL, 'x') + a)", "(CAST('x' AS DOUBLE) + x)"));
            n++;
        }
        // a WHERE now and then, often one no row passes: Spark computes a projection over a local table (t1 is
        // createDataFrame's rows) row by row while planning (its ConvertToLocalRelation), so a failing constant fails
        // only if a row passes the filter
        String where = r.nextBoolean()
                ? null
                : pick(exprs.boolExpr(1), "a > 1000", "id IS NULL AND a > 1000", "s = 'nothing'");
        if (where != null && r.nextInt(3) == 0) {
            // over a grouped aggregation or a sort: Spark drops them when no row reaches them (PropagateEmptyRelation)
            // before it folds their constants, and fails folding otherwise
            if (r.nextBoolean()) {
                List<String> grouped = List.of(
                        "a",
                        pick("CAST('x' AS INT)", "SUM(CAST('x' AS INT))", "MAX(coalesce(NULL, 'x') + a)", "COUNT(*)"));
                String having = r.nextBoolean() ? "COUNT(*) > CAST('x' AS INT)" : null;
                return new Query(grouped, falses(2), "t1", where, "a", having, null, null, false);
            }
            return new Query(List.of("a", "s"), falses(2), "t1", where, null, null, "CAST('x' AS INT)", null, false);
        }
        return new Query(items, falses(n), "t1", where, null, null, null, null, false);
    }

    /**
     * Spark's order of evaluation against what a WHERE says of its columns: a SELECT item or a WHERE term that may fail
     * (a cast of text) computed before, or beside, a column the WHERE says is NULL, equal to a value, or in ranges that
     * do not meet. Over a local relation Spark computes the WHERE and the SELECT list row by row in their written order
     * (an operator's left side first, AND and OR from the left), so {@code CAST('x' AS DOUBLE) + x ... WHERE x IS NULL}
     * and {@code WHERE CAST(s AS INT) = a AND a IS NULL} fail where Calcite's simplifier had made them NULL and false.
     */
    private Query evaluationOrder() {
        if (r.nextInt(4) == 0) {
            // inner joins only: over an outer join Spark's optimizer first makes it inner and drops the side a WHERE
            // empties (Known differences)
            String where = pick(
                    "CAST(t1.s AS INT) = t2.v AND t2.v IS NULL",
                    "t2.y IS NULL",
                    "CAST(t1.s AS INT) = t2.v AND t1.a > 5 AND t1.a < 3");
            String item = pick("t2.k", "(CAST('x' AS DOUBLE) + t2.y)", "(CAST(t1.s AS INT) * t2.v)");
            return new Query(
                    List.of("t1.id", item),
                    falses(2),
                    "t1 JOIN t2 ON t1.id = t2.id",
                    where,
                    null,
                    null,
                    null,
                    null,
                    false);
        }
        String item = pick(
                "(CAST('x' AS DOUBLE) + x)",
                "(x + CAST('x' AS DOUBLE))",
                "(CAST('x' AS INT) + a)",
                "(CAST(s AS INT) * a)",
                "(CAST(s AS DOUBLE) - x)",
                "NOT (CAST('x' AS INT) = a)",
                "(CAST(s AS INT) / a)",
                "CASE WHEN a IS NULL THEN CAST('x' AS INT) + a ELSE 0 END",
                "substring(s, CAST(s AS INT))",
                "id");
        String where = pick(
                "x IS NULL",
                "a IS NULL",
                "(x IS NULL) OR (x IS NULL)",
                "a IS NULL AND s IS NOT NULL",
                "a = 1",
                "s = 'nothing'",
                "a > 2147483646",
                "CAST(s AS INT) = a AND a IS NULL",
                "a IS NULL AND CAST(s AS INT) = a",
                "CAST(s AS INT) < a AND a IS NULL",
                "NOT (CAST(s AS INT) <> a) AND a IS NULL",
                "CAST(s AS INT) > 0 AND a > 5 AND a < 3",
                "a > 5 AND a < 3 AND CAST(s AS INT) > 0",
                "CAST(s AS INT) > 0 AND a = 1 AND a = 2",
                "a > 100 AND a = CAST('x' AS INT)",
                "id > 100 AND a = CAST('x' AS INT)",
                "a > 2147483646 OR a = CAST('x' AS INT)",
                "a IS NULL AND (CAST(s AS INT) = a OR id > 100)",
                "CAST(s AS DOUBLE) > x AND x IS NULL",
                "CAST(s AS INT) = a AND a IS NULL OR id < 0");
        return new Query(List.of("id", item), falses(2), "t1", where, null, null, null, null, false);
    }

    /**
     * Long OR chains of equalities and long IN lists ({@link CorpusLists}) selected as they are (true, false or NULL
     * per row), under CASE, counted per group, or in the WHERE beside the row's values.
     */
    private Query longLists() {
        CorpusLists lists = new CorpusLists(r);
        String test = r.nextBoolean() ? lists.orChain() : lists.inList();
        switch (r.nextInt(4)) {
            case 0:
                return new Query(List.of("id", "a", "s", test), falses(4), "t1", null, null, null, null, null, false);
            case 1:
                return new Query(
                        List.of("CASE WHEN " + test + " THEN 'in' WHEN NOT " + test + " THEN 'out' ELSE 'unknown' END"),
                        falses(1),
                        "t1",
                        null,
                        null,
                        null,
                        null,
                        null,
                        false);
            case 2:
                return new Query(
                        List.of(
                                "flag",
                                "COUNT(*)",
                                "COUNT_IF(" + test + ")",
                                "SUM(CASE WHEN " + test + " IS NULL THEN 1 END)"),
                        falses(4),
                        "t1",
                        null,
                        "flag",
                        null,
                        null,
                        null,
                        false);
            default:
                return new Query(
                        List.of("id", "a", "b", "x", "s", "flag", "ts"),
                        falses(7),
                        "t1",
                        test,
                        null,
                        null,
                        null,
                        null,
                        false);
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
        List<Boolean> approx = falses(items.size());
        if (r.nextInt(3) == 0) {
            // compared within Spark's error, as global()'s: Spark's HLL++ counted 11 of seed 31's 12 square roots
            items.add("approx_count_distinct(" + pick("sqrt(x)", "a") + ")");
            approx.add(true);
        }
        return new Query(
                items, approx, "t1", r.nextInt(3) == 0 ? exprs.boolExpr(1) : null, key, null, null, null, false);
    }

    private Query projection() {
        int n = 1 + r.nextInt(3);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(exprs.anyExpr(1 + r.nextInt(2)));
        }
        if (r.nextInt(4) == 0) {
            items.add(exprs.nanExtreme());
            n++;
        }
        boolean interval = r.nextInt(3) == 0;
        if (interval) { // a third of the projections: an interval divided, its seconds or date_diff
            items.add(exprs.intervalArithmetic(1));
            n++;
        }
        if (r.nextInt(3) == 0) { // and a third: a product, cast, make_*_interval or literal of several units
            items.add(exprs.intervalMore(1));
            n++;
        }
        // now and then over an inline table (Spark's VALUES without parentheses, col1 without an alias), also with an
        // interval item (a constant INTERVAL / 0 there fails while planning, as in Spark)
        String from = r.nextInt(8) != 0
                ? "t1"
                : pick(
                        "t1 JOIN VALUES (1), (3), (NULL), (12) AS v(vid) ON id = vid",
                        "t1 JOIN VALUES 2, 4, 19 ON id = col1");
        return new Query(
                items, falses(n), from, r.nextInt(3) == 0 ? exprs.boolExpr(1) : null, null, null, null, null, false);
    }

    private String groupKey() {
        return pick(
                "s",
                "flag",
                "(a % 3)",
                "date_trunc('DAY', ts)",
                "upper(s)",
                "(a div 4)",
                "(id % 5)",
                "(to_date(ts) - DATE '2024-01-01')");
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
                return pick("MIN", "MAX") + "("
                        + pick(
                                "a",
                                "x",
                                "s",
                                "ts",
                                "b",
                                "(ts - TIMESTAMP '2024-01-15 00:00:00')",
                                "(to_date(ts) - DATE" + " '2024-01-01')")
                        + ")";
            case 5:
                return "COUNT(DISTINCT " + pick("a", "s", "flag") + ")";
            case 6:
                return "(SUM(" + pick("a", "id") + ") / COUNT(*))";
            case 7:
                return "(MAX(" + pick("a", "id") + ") / 2)";
            case 8:
                // greatest/least's NaN is compared as text
                return r.nextBoolean()
                        ? "SUM(" + exprs.doubleExpr(1) + ")"
                        : "MAX(CAST(" + exprs.nanExtreme() + " AS STRING))";
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
                return "SUM(CASE WHEN " + exprs.boolExpr(1) + " THEN 1 ELSE 0 END)";
            default:
                return "MAX(" + exprs.stringExpr(1) + ")";
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
        return new Query(
                items, approx, "t1", r.nextInt(3) == 0 ? exprs.boolExpr(1) : null, key, having, null, null, false);
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
        return new Query(
                items, approx, "t1", r.nextInt(2) == 0 ? exprs.boolExpr(1) : null, null, null, null, null, false);
    }

    private Query ordered() {
        int n = 1 + r.nextInt(3);
        List<String> items = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i == 0 ? pick("a", "s", "x", "ts", "flag") : exprs.anyExpr(1));
            orders.add("c" + (i + 1) + pick("", " ASC", " DESC", " ASC NULLS LAST", " DESC NULLS FIRST"));
        }
        // the order covers every output column, so ties are identical rows and the order is Spark's to the row
        return new Query(
                items,
                falses(n),
                "t1",
                r.nextInt(3) == 0 ? exprs.boolExpr(1) : null,
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
}
