package dev.eddy.sql.diff;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.avg;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.max;
import static dev.eddy.streaming.api.expr.Functions.min;
import static dev.eddy.streaming.api.expr.Functions.sum;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.Functions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One generated streaming case of the differential test, the same for both engines: inputs of (ts, k, v) rows, each
 * with a watermark on ts, and a query over them in SQL (or, for plain windowed aggregations, Eddy's Java API).
 *
 * <p>Shapes: without {@link #join} the inputs are the union {@code events} (deduplicated when {@link #dedup} is set),
 * aggregated by a window when {@link #aggregate} is set, else selected as they are. With a join, input 0 is
 * {@code lefts} and input 1 {@code rights}, joined on k and an event-time range ({@link JoinSpec}), and the joined rows
 * are selected or (chained stateful operators) aggregated by a window of the left event time.
 *
 * <p>{@code window}: "tumble" (window(ts, size)), "slide" (window(ts, size, slide)), "start" (window(ts, size, slide,
 * startTime)) or "session" (session_window(ts, gap = size)).
 */
record StreamCase(
        String window,
        int size,
        int slide,
        int startTime,
        boolean keyed,
        int aggs,
        boolean positiveOnly,
        String mode,
        List<Integer> delays,
        String policy,
        boolean javaApi,
        List<Step> steps,
        boolean noDataBatches,
        boolean aggregate,
        JoinSpec join,
        DedupSpec dedup,
        boolean byDay,
        StreamEvalOrder eval) {

    /** The interval key of {@link #intervals} aggregations: an INTERVAL DAY (the event time's day, in days). */
    static final String DAYS = "(to_date(ts) - DATE '1970-01-01')";

    /**
     * Interval columns of the forms the engine holds in a type of other fields ({@link #intervals} selections, with
     * {@code eddy.diff.stream.intervalForms}): compared as Spark's text of each value, so their fields count.
     */
    static final String INTERVAL_FORMS = ", INTERVAL '3' HOUR AS hour3, (to_date(ts) - DATE '1970-01-01') + INTERVAL"
            + " '1' HOUR AS dayhour, INTERVAL 1 DAY 2 HOURS AS dh, CAST(ts - to_date(ts) AS INTERVAL MINUTE) AS"
            + " minsraw, CAST(ts - to_date(ts) AS INTERVAL HOUR TO SECOND) AS hms, INTERVAL '14' MONTH AS mo,"
            + " make_ym_interval(1, v) AS ym";

    /**
     * The interval items of {@link #intervals} selections: an INTERVAL DAY TO SECOND, its text, type, a quotient, a
     * product, a cast to INTERVAL MINUTE, make_dt_interval, a literal of two units and a text round trip.
     */
    static final String INTERVAL_ITEMS =
            ", ts - to_date(ts) AS since, CAST(ts - DATE '1970-01-02' AS STRING) AS sincet,"
                    + " typeof(ts - to_date(ts)) AS sincety, CAST((ts - to_date(ts)) / 3 AS STRING) AS third,"
                    + " CAST((ts - to_date(ts)) * v AS STRING) AS times, typeof(INTERVAL '3' HOUR * v) AS timesty,"
                    + " CAST(CAST(ts - to_date(ts) AS INTERVAL MINUTE) AS STRING) AS mins,"
                    + " CAST(make_dt_interval(v, 1, 2, 3.5) AS STRING) AS made,"
                    + " CAST(ts + INTERVAL 1 DAY 2 HOURS AS STRING) AS later,"
                    + " CAST(CAST(CAST(ts - to_date(ts) AS STRING) AS INTERVAL DAY TO SECOND) AS STRING) AS back"
                    + (StreamCaseGenerator.INTERVAL_FORMS ? INTERVAL_FORMS : "");

    /** The interval aggregates of {@link #intervals} aggregations of other fields (as {@link #INTERVAL_FORMS}). */
    static final String INTERVAL_FORM_AGGREGATES = ", SUM(INTERVAL '3' HOUR) AS hours,"
            + " MAX(CAST(ts - to_date(ts) AS INTERVAL MINUTE)) AS maxmin, SUM(INTERVAL '1' MONTH) AS months";

    /** The day key of {@link #byDay} cases: a DATE of the event time and v (NULL when v is). */
    static final String DAY = "date_add(to_date(ts), v)";

    /**
     * The day filter of {@link #byDay} cases: from a WHERE over the event time and v Spark infers {@code isnotnull(v)}
     * and applies it before the watermark, so rows with a NULL v never move it, as Eddy does (FilterBelowWatermark).
     * With the switch off the filter reads v through coalesce, which infers nothing.
     */
    static final String DAY_FILTER =
            StreamCaseGenerator.INFERRED_NOT_NULL ? DAY : "date_add(to_date(ts), coalesce(v, 0))";

    static final List<String> AGGS = List.of(
            "COUNT(*) AS n",
            "COUNT(*) AS n, SUM(v) AS sv",
            "COUNT(*) AS n, MAX(v) AS mx, MIN(v) AS mn",
            "SUM(v) AS sv, AVG(v) AS av",
            // sqrt of a negative number is NaN, which Spark orders above every number
            "COUNT(*) AS n, MAX(sqrt(v - 3)) AS mx, MIN(sqrt(v - 3)) AS mn",
            // a row with v = 15 divides by zero: the query fails ([DIVIDE_BY_ZERO]) on both sides
            "COUNT(*) AS n, MIN(100 / (v - 15)) AS q");

    /** One step: rows per input, or a restart (with the policy the session has from then on, null = unchanged). */
    record Step(List<List<List<Object>>> rows, boolean restart, String policyAfterRestart) {}

    /**
     * A stream-stream join of lefts and rights on k and {@code r.ts BETWEEN l.ts - lower AND l.ts + upper} (seconds;
     * {@code strict}: with {@code >}/{@code <} instead), of type "inner", "left", "right" or "semi" (LEFT SEMI); or,
     * with {@code windowSize > 0}, on k and the equality of both sides' windows of that size (sliding by
     * {@code windowSlide} if it is set), projected with {@code window(ts, ...) AS w} (and ts beside it when
     * {@code windowWithTs}: two event-time columns, which Spark refuses). {@code keyFilter} (null for none): a WHERE
     * on the preserved side's k ({@code l.k = 'a'}; {@code r.k} for a right join), from which Spark infers the same
     * filter on the other side's k (InferFiltersFromConstraints), so that side holds no row of another key.
     */
    record JoinSpec(
            String type,
            int lower,
            int upper,
            boolean strict,
            int windowSize,
            int windowSlide,
            boolean windowWithTs,
            String keyFilter) {
        /** A join on k and an event-time range. */
        JoinSpec(String type, int lower, int upper, boolean strict) {
            this(type, lower, upper, strict, 0, 0, false, null);
        }

        JoinSpec withKeyFilter(String key) {
            return new JoinSpec(type, lower, upper, strict, windowSize, windowSlide, windowWithTs, key);
        }

        private String where() {
            return keyFilter == null ? "" : " WHERE " + (type.equals("right") ? "r" : "l") + ".k = '" + keyFilter + "'";
        }

        String sql(String select) {
            String kind = type.equals("inner")
                    ? ""
                    : type.equals("semi") ? "LEFT SEMI " : type.toUpperCase(Locale.ROOT) + " OUTER ";
            if (windowSize > 0) {
                String w = windowSlide > 0 && windowSlide != windowSize
                        ? "window(ts, '" + windowSize + " seconds', '" + windowSlide + " seconds')"
                        : "window(ts, '" + windowSize + " seconds')";
                String side = "(SELECT " + w + " AS w" + (windowWithTs ? ", ts" : "") + ", k, v FROM ";
                return select + " FROM " + side + "lefts) AS l " + kind + "JOIN " + side
                        + "rights) AS r ON l.k = r.k AND l.w = r.w" + where();
            }
            String ge = strict ? " > " : " >= ";
            String le = strict ? " < " : " <= ";
            return select + " FROM lefts AS l " + kind + "JOIN rights AS r ON l.k = r.k AND r.ts" + ge
                    + "l.ts - INTERVAL '" + lower + "' SECOND AND r.ts" + le + "l.ts + INTERVAL '" + upper
                    + "' SECOND" + where();
        }

        String describe() {
            return type + " join" + (windowSize > 0 ? " on windows" : "") + (keyFilter != null ? " where k" : "");
        }
    }

    /** dropDuplicates(columns) or dropDuplicatesWithinWatermark(columns) on {@code events}. */
    record DedupSpec(List<String> columns, boolean withinWatermark) {
        String describe() {
            return (withinWatermark ? "dropDuplicatesWithinWatermark" : "dropDuplicates") + columns;
        }
    }

    /** A windowed aggregation over one input or a union (the first shape the harness had). */
    StreamCase(
            String window,
            int size,
            int slide,
            int startTime,
            boolean keyed,
            int aggs,
            boolean positiveOnly,
            String mode,
            List<Integer> delays,
            String policy,
            boolean javaApi,
            List<Step> steps,
            boolean noDataBatches) {
        this(
                window,
                size,
                slide,
                startTime,
                keyed,
                aggs,
                positiveOnly,
                mode,
                delays,
                policy,
                javaApi,
                steps,
                noDataBatches,
                true,
                null,
                null);
    }

    /** A case of any shape without a day key. */
    StreamCase(
            String window,
            int size,
            int slide,
            int startTime,
            boolean keyed,
            int aggs,
            boolean positiveOnly,
            String mode,
            List<Integer> delays,
            String policy,
            boolean javaApi,
            List<Step> steps,
            boolean noDataBatches,
            boolean aggregate,
            JoinSpec join,
            DedupSpec dedup) {
        this(
                window,
                size,
                slide,
                startTime,
                keyed,
                aggs,
                positiveOnly,
                mode,
                delays,
                policy,
                javaApi,
                steps,
                noDataBatches,
                aggregate,
                join,
                dedup,
                false,
                null);
    }

    /**
     * The same windowed aggregation with Spark's DATE in it: rows whose day ({@link #DAY}) is 1970-01-03 are filtered
     * out by a date comparison and the day is a grouping key.
     */
    StreamCase withByDay(boolean on) {
        return copy(steps, noDataBatches, on);
    }

    StreamCase withSteps(List<Step> newSteps) {
        return copy(newSteps, noDataBatches, byDay);
    }

    StreamCase withJoin(JoinSpec newJoin) {
        return new StreamCase(
                window,
                size,
                slide,
                startTime,
                keyed,
                aggs,
                positiveOnly,
                mode,
                delays,
                policy,
                javaApi,
                steps,
                noDataBatches,
                aggregate,
                newJoin,
                dedup,
                byDay,
                eval);
    }

    StreamCase withNoDataBatches(boolean on) {
        return copy(steps, on, byDay);
    }

    /** The same case with expressions that may fail per row and the column s ({@link StreamEvalOrder}). */
    StreamCase withEval(StreamEvalOrder newEval) {
        return copy(steps, noDataBatches, byDay, newEval);
    }

    /** The same case with {@code row} applied to a copy of every input row, in the steps' order. */
    StreamCase withRowsMapped(UnaryOperator<List<Object>> row) {
        List<Step> mapped = new ArrayList<>();
        for (Step st : steps) {
            if (st.rows() == null) {
                mapped.add(st);
                continue;
            }
            List<List<List<Object>>> perInput = new ArrayList<>();
            for (List<List<Object>> rows : st.rows()) {
                List<List<Object>> in = new ArrayList<>();
                for (List<Object> r : rows) {
                    in.add(row.apply(new ArrayList<>(r)));
                }
                perInput.add(in);
            }
            mapped.add(new Step(perInput, false, null));
        }
        return withSteps(mapped);
    }

    private StreamCase copy(List<Step> steps, boolean noDataBatches, boolean byDay) {
        return copy(steps, noDataBatches, byDay, eval);
    }

    private StreamCase copy(List<Step> steps, boolean noDataBatches, boolean byDay, StreamEvalOrder eval) {
        return new StreamCase(
                window,
                size,
                slide,
                startTime,
                keyed,
                aggs,
                positiveOnly,
                mode,
                delays,
                policy,
                javaApi,
                steps,
                noDataBatches,
                aggregate,
                join,
                dedup,
                byDay,
                eval);
    }

    /** The inputs' columns (name, Spark's type): ts, k, v, and s for {@link StreamEvalOrder} cases. */
    List<List<String>> columns() {
        List<List<String>> out =
                new ArrayList<>(List.of(List.of("ts", "TIMESTAMP"), List.of("k", "STRING"), List.of("v", "INT")));
        if (eval != null) {
            out.add(List.of("s", "STRING"));
        }
        return out;
    }

    /** The view names the inputs are registered under (inputs with the same name are unioned). */
    List<String> views() {
        if (join != null) {
            return List.of("lefts", "rights");
        }
        return delays.stream().map(d -> "events").toList();
    }

    /** The case's shape for the report, e.g. "left join -> window aggregation". */
    String shape() {
        String in = join != null
                ? join.describe()
                : dedup != null
                        ? dedup.describe().replaceAll("\\[.*", "")
                                + (dedup.columns().contains("ts") ? " (ts)" : "")
                        : "";
        String agg = aggregate
                ? join != null && join.windowSize() > 0
                        ? "aggregation by w"
                        : (window.equals("session") ? "session" : "window") + " aggregation" + (byDay ? " by day" : "")
                : "";
        String both = in.isEmpty() ? agg : agg.isEmpty() ? in : in + " -> " + agg;
        return both + (intervals() ? " with intervals" : "") + (eval != null ? " with eval order" : "")
                + (delays.contains(-1) ? " (one side unwatermarked)" : "")
                + ", " + mode;
    }

    String windowSql() {
        return switch (window) {
            case "tumble" -> "window(ts, '" + size + " seconds')";
            case "slide" -> "window(ts, '" + size + " seconds', '" + slide + " seconds')";
            case "start" -> "window(ts, '" + size + " seconds', '" + slide + " seconds', '" + startTime + " seconds')";
            default -> "session_window(ts, '" + size + " seconds')";
        };
    }

    String sql() {
        String from = join == null ? "events" : "(" + join.sql("SELECT l.ts AS ts, l.k AS k, r.v AS v") + ") AS joined";
        String where = positiveOnly ? " WHERE v > 0" : "";
        if (byDay) {
            where += (where.isEmpty() ? " WHERE " : " AND ") + DAY_FILTER + " <> DATE '1970-01-03'";
        }
        if (eval != null && eval.where() != null) {
            where += (where.isEmpty() ? " WHERE " : " AND ") + eval.where();
        }
        String evalItems = eval == null ? "" : eval.selectItems(aggregate);
        if (!aggregate) {
            return join == null
                    ? "SELECT ts, k, v" + (intervals() ? INTERVAL_ITEMS : "") + evalItems + " FROM events" + where
                    : join.windowSize() > 0
                            ? join.sql(
                                    join.type().equals("semi")
                                            ? "SELECT l.w.start AS ws, l.w.end AS we, l.k AS k, l.v AS lv"
                                                    + (join.windowWithTs() ? ", l.ts AS lts" : "")
                                            : "SELECT l.w.start AS ws, l.w.end AS we, r.w.start AS rws, l.k AS k,"
                                                    + " l.v AS lv, r.k AS rk, r.v AS rv"
                                                    + (join.windowWithTs() ? ", l.ts AS lts, r.ts AS rts" : ""))
                            : join.sql(
                                    join.type().equals("semi")
                                            ? "SELECT l.ts AS lts, l.k AS k, l.v AS lv"
                                            : "SELECT l.ts AS lts, l.k AS k, l.v AS lv, r.ts AS rts, r.k AS rk,"
                                                    + " r.v AS rv");
        }
        if (join != null && join.windowSize() > 0) {
            // a join on windows under an aggregation: grouped by the preserved side's window struct, as Spark runs it
            String side = join.type().equals("right") ? "r" : "l";
            String in = "(" + join.sql("SELECT " + side + ".w AS w, " + side + ".k AS k, r.v AS v") + ") AS joined";
            return "SELECT w.start AS ws, w.end AS we" + (keyed ? ", k" : "") + ", " + AGGS.get(aggs) + " FROM " + in
                    + where + " GROUP BY w" + (keyed ? ", k" : "");
        }
        String w = window.equals("session") ? "session_window" : "window";
        String days = intervals()
                ? ", " + DAYS + " AS days, CAST(" + DAYS + " AS STRING) AS dayst, CAST(SUM(ts - to_date(ts)) AS STRING)"
                        + " AS spans, CAST(AVG(ts - to_date(ts)) AS STRING) AS avgspan"
                        + (StreamCaseGenerator.INTERVAL_FORMS ? INTERVAL_FORM_AGGREGATES : "")
                : "";
        return "SELECT " + w + ".start AS ws, " + w + ".end AS we" + (keyed ? ", k" : "")
                + (byDay ? ", " + DAY + " AS day" : "") + days + ", " + AGGS.get(aggs) + evalItems + " FROM " + from
                + where
                + " GROUP BY " + windowSql() + (keyed ? ", k" : "") + (byDay ? ", " + DAY : "")
                + (intervals() ? ", " + DAYS : "");
    }

    /**
     * SQL cases without a join (a fixed choice per case, a third of them) also select Spark's intervals: a windowed
     * aggregation is grouped by an INTERVAL DAY as well ({@link #DAYS}), selected with its text, and sums and averages
     * an INTERVAL DAY TO SECOND; a selection adds a
     * TIMESTAMP minus a DATE, its text, typeof and a quotient ({@link #INTERVAL_ITEMS}).
     */
    boolean intervals() {
        return !javaApi
                && join == null
                && Math.floorMod(Objects.hash(window, size, slide, startTime, keyed, aggs, mode, delays), 3) == 0;
    }

    /** The same windowed aggregation with Eddy's Java API (Spark runs the SQL). */
    Dataset javaQuery(Dataset events) {
        Dataset in = positiveOnly ? events.filter(Functions.gt(col("v"), Functions.lit(0))) : events;
        Expr day = Functions.date_add(Functions.to_date(col("ts")), col("v"));
        if (byDay) {
            Expr dayFilter = StreamCaseGenerator.INFERRED_NOT_NULL
                    ? day
                    : Functions.date_add(Functions.to_date(col("ts")), Functions.coalesce(col("v"), Functions.lit(0)));
            in = in.filter(dayFilter.notEqual(LocalDate.of(1970, 1, 3)));
        }
        Expr w = switch (window) {
            case "tumble" -> Functions.window(col("ts"), size + " seconds");
            case "slide" -> Functions.window(col("ts"), size + " seconds", slide + " seconds");
            case "start" -> Functions.window(col("ts"), size + " seconds", slide + " seconds", startTime + " seconds");
            default -> Functions.sessionWindow(col("ts"), size + " seconds");
        };
        List<Expr> a = switch (aggs) {
            case 0 -> List.of(alias(count(), "n"));
            case 1 -> List.of(alias(count(), "n"), alias(sum(col("v")), "sv"));
            case 2 -> List.of(alias(count(), "n"), alias(max(col("v")), "mx"), alias(min(col("v")), "mn"));
            case 3 -> List.of(alias(sum(col("v")), "sv"), alias(avg(col("v")), "av"));
            case 4 -> List.of(alias(count(), "n"), alias(max(col("d")), "mx"), alias(min(col("d")), "mn"));
            default ->
                List.of(alias(count(), "n"), alias(min(Functions.div(Functions.lit(100), col("v").minus(15))), "q"));
        };
        if (aggs == 4) {
            in = in.withColumn("d", Functions.expr("sqrt(v - 3)"));
        }
        List<Expr> keys = new ArrayList<>(List.of(w));
        if (keyed) {
            keys.add(col("k"));
        }
        if (byDay) {
            keys.add(alias(day, "day"));
        }
        Dataset grouped = in.groupBy(keys.toArray(Expr[]::new)).agg(a.toArray(Expr[]::new));
        String ws = window.equals("session") ? "session_window" : "window";
        if (windowBoundsThroughSql()) {
            return grouped.selectExpr(sqlItems(ws).toArray(String[]::new));
        }
        List<Expr> items = new ArrayList<>(List.of(alias(col(ws + ".start"), "ws"), alias(col(ws + ".end"), "we")));
        for (String name : keyAndAggregateNames()) {
            items.add(col(name));
        }
        return grouped.select(items.toArray(Expr[]::new));
    }

    /**
     * Half of the Java API cases (a fixed choice per case) select the window bounds with selectExpr, so through the
     * SQL expression parser's view of the window struct, the other half with col("window.start").
     */
    boolean windowBoundsThroughSql() {
        return Math.floorMod(Objects.hash(window, size, slide, startTime, keyed, aggs), 2) == 0;
    }

    private List<String> sqlItems(String ws) {
        List<String> items = new ArrayList<>(List.of(ws + ".start AS ws", ws + ".end AS we"));
        items.addAll(keyAndAggregateNames());
        return items;
    }

    /** The aggregation's columns after the window bounds, by name: k, the day and the aggregates, as selected. */
    private List<String> keyAndAggregateNames() {
        List<String> names = new ArrayList<>();
        if (keyed) {
            names.add("k");
        }
        if (byDay) {
            names.add("day");
        }
        for (String agg : AGGS.get(aggs).split(", ")) {
            names.add(agg.substring(agg.lastIndexOf(' ') + 1));
        }
        return names;
    }

    String describe() {
        return mode + (noDataBatches ? "" : ", no no-data batches") + ", watermark delays " + delays
                + (delays.size() > 1 && join == null ? ", policy " + policy : "")
                + (join != null ? ", policy " + policy : "")
                + (dedup != null ? ", events = " + dedup.describe() : "")
                + (javaApi ? ", Java API" + (windowBoundsThroughSql() ? " (selectExpr)" : "") : ", SQL") + ": "
                + sql();
    }

    String stepsText() {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(
                    s.restart()
                            ? "restart"
                                    + (s.policyAfterRestart() == null
                                            ? ""
                                            : " (policy now " + s.policyAfterRestart() + ")")
                            : String.valueOf(delays.size() == 1 ? s.rows().get(0) : s.rows()));
        }
        return out.toString();
    }
}
