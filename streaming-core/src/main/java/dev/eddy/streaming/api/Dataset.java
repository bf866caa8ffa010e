package dev.eddy.streaming.api;

import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.expr.Functions;
import dev.eddy.streaming.api.function.GroupStateFunction;
import dev.eddy.streaming.api.function.GroupStateTimeout;
import dev.eddy.streaming.api.function.RowFlatMapper;
import dev.eddy.streaming.api.function.RowMapper;
import dev.eddy.streaming.api.function.RowPredicate;
import dev.eddy.streaming.api.function.StateCodec;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.AssignWindows;
import dev.eddy.streaming.api.plan.Deduplicate;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.FlatMapGroupsWithState;
import dev.eddy.streaming.api.plan.Generate;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.MapRows;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.Sort;
import dev.eddy.streaming.api.plan.Union;
import dev.eddy.streaming.api.plan.Watermark;
import dev.eddy.streaming.api.spi.ExpressionParser;
import dev.eddy.streaming.internal.exec.Explain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * An immutable query over a stream (or a static table): every method returns a new Dataset with one more
 * logical-plan node. Nothing runs until {@link #writeStream()}{@code .start()}. Errors in column names or
 * types are reported by the method that introduces them.
 */
public final class Dataset {
    private final Eddy session;
    private final LogicalPlan plan;

    public Dataset(Eddy session, LogicalPlan plan) {
        this.session = session;
        this.plan = plan;
    }

    public LogicalPlan plan() {
        return plan;
    }

    public Schema schema() {
        return plan.schema();
    }

    public boolean isStreaming() {
        return plan.isStreaming();
    }

    public Eddy session() {
        return session;
    }

    private Dataset with(LogicalPlan p) {
        return new Dataset(session, p);
    }

    /** Selects columns by name. */
    public Dataset select(String... columns) {
        return select(Arrays.stream(columns).map(Functions::col).toArray(Expr[]::new));
    }

    /**
     * Spark's {@code selectExpr}: each argument is a SQL select item ({@code "a + 1 AS b"}, {@code "upper(page)"},
     * {@code "*"}), parsed by the SQL module. Without the SQL module on the class path it fails saying so.
     */
    public Dataset selectExpr(String... sqlItems) {
        List<Expr> items = new ArrayList<>();
        for (String s : sqlItems) {
            if (s.trim().equals("*")) {
                schema().names().forEach(n -> items.add(Functions.col(n)));
            } else {
                items.add(Functions.expr(s));
            }
        }
        return select(items.toArray(Expr[]::new));
    }

    /** Replaces {@code expr("...")} calls by the expressions the SQL module parses over {@code input}. */
    static Expr resolveSql(Expr e, Schema input) {
        if (e instanceof Expr.Call c
                && c.function().equals("expr")
                && c.args().size() == 1
                && c.args().get(0) instanceof Expr.Lit l
                && l.value() instanceof String text) {
            return ExpressionParser.find().parse(text, input);
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(
                    c.function(),
                    c.args().stream().map(a -> resolveSql(a, input)).toList());
        }
        if (e instanceof Expr.Alias a) {
            return new Expr.Alias(resolveSql(a.child(), input), a.name());
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), resolveSql(b.left(), input), resolveSql(b.right(), input));
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), resolveSql(u.child(), input));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(resolveSql(c.child(), input), c.to());
        }
        if (e instanceof Expr.Agg a && a.arg() != null) {
            return new Expr.Agg(a.fn(), resolveSql(a.arg(), input));
        }
        return e;
    }

    private static Expr[] resolveSql(Expr[] es, Schema input) {
        Expr[] out = new Expr[es.length];
        for (int i = 0; i < es.length; i++) {
            out[i] = resolveSql(es[i], input);
        }
        return out;
    }

    /**
     * Computes columns; at most one may be {@code explode(split(...))}, which makes one row per part, and at most one
     * {@code window(ts, ...)}, which makes one row per window containing the row's time (one for a tumbling window, as
     * Spark's projection of a window does) and carries ts's watermark, so two streams can be joined on their windows.
     */
    public Dataset select(Expr... exprs) {
        List<Expr> items = new ArrayList<>(Arrays.asList(resolveSql(exprs, plan.schema())));
        LogicalPlan windowed = AssignWindows.of(plan, items);
        LogicalPlan child = windowed;
        for (int i = 0; i < items.size(); i++) {
            Expr u = ExprTypes.unalias(items.get(i));
            if (u instanceof Expr.Call c && c.function().equals("explode")) {
                if (child != windowed) {
                    throw new IllegalArgumentException("only one explode(...) per select");
                }
                ExprTypes.type(u, plan.schema());
                Expr.Call split = (Expr.Call) c.args().get(0);
                String name = ExprTypes.name(items.get(i));
                String genName = plan.schema().indexOf(name) < 0 ? name : "__explode_" + name;
                child = new Generate(
                        windowed,
                        split.args().get(0),
                        (String) ((Expr.Lit) split.args().get(1)).value(),
                        genName);
                items.set(i, Functions.alias(Functions.col(genName), name));
            }
        }
        return with(new Project(child, items));
    }

    /** Adds or replaces a column. */
    public Dataset withColumn(String name, Expr e) {
        List<Expr> items = new ArrayList<>();
        boolean replaced = false;
        for (Field f : schema().fields()) {
            if (f.name().equals(name)) {
                items.add(Functions.alias(e, name));
                replaced = true;
            } else {
                items.add(Functions.col(f.name()));
            }
        }
        if (!replaced) {
            items.add(Functions.alias(e, name));
        }
        return select(items.toArray(Expr[]::new));
    }

    /** Drops columns by name (unknown names are ignored, as in Spark). */
    public Dataset drop(String... columns) {
        List<String> dropped = Arrays.asList(columns);
        return select(
                schema().names().stream().filter(n -> !dropped.contains(n)).toArray(String[]::new));
    }

    public Dataset filter(Expr condition) {
        return with(new Filter(plan, resolveSql(condition, plan.schema())));
    }

    /** Spark's {@code filter("page = 'home'")}: a SQL condition, parsed by the SQL module. */
    public Dataset filter(String sqlCondition) {
        return filter(Functions.expr(sqlCondition));
    }

    /** Spark's {@code where("...")}: the same as {@link #filter(String)}. */
    public Dataset where(String sqlCondition) {
        return filter(sqlCondition);
    }

    public Dataset where(Expr condition) {
        return filter(condition);
    }

    /** Keeps rows for which a Java lambda returns true (row by row; slower than an expression). */
    public Dataset filter(RowPredicate p) {
        return with(new MapRows(
                plan,
                (row, out) -> {
                    if (p.test(row)) {
                        out.emit(row.values());
                    }
                },
                schema(),
                "filter(lambda)"));
    }

    /** Maps every row with a Java lambda to one row of {@code outSchema}. */
    public Dataset map(Schema outSchema, RowMapper f) {
        return with(new MapRows(plan, (row, out) -> out.emit(f.map(row)), outSchema, "map(lambda)"));
    }

    /** Maps every row with a Java lambda to zero or more rows of {@code outSchema}. */
    public Dataset flatMap(Schema outSchema, RowFlatMapper f) {
        return with(new MapRows(plan, f, outSchema, "flatMap(lambda)"));
    }

    /** map with a policy for rows the lambda throws on (CONTINUE: skip, count and sample them). */
    public Dataset map(Schema outSchema, RowMapper f, RowErrorPolicy onError) {
        return with(new MapRows(plan, (row, out) -> out.emit(f.map(row)), outSchema, "map(lambda)", onError));
    }

    /** flatMap with a policy for rows the lambda throws on. */
    public Dataset flatMap(Schema outSchema, RowFlatMapper f, RowErrorPolicy onError) {
        return with(new MapRows(plan, f, outSchema, "flatMap(lambda)", onError));
    }

    /** One group of all rows, for a global aggregate: {@code groupBy().agg(count(), sum(col("x")))}. */
    public GroupedData groupBy() {
        return new GroupedData(this, List.of());
    }

    /** A global aggregate, Spark's {@code df.agg(...)}: the same as {@code groupBy().agg(...)}. */
    public Dataset agg(Expr aggregate, Expr... more) {
        List<Expr> all = new ArrayList<>();
        all.add(aggregate);
        all.addAll(Arrays.asList(more));
        return groupBy().agg(all.toArray(Expr[]::new));
    }

    public GroupedData groupBy(String... columns) {
        return groupBy(Arrays.stream(columns).map(Functions::col).toArray(Expr[]::new));
    }

    /** Groups by expressions; one of them may be {@code window(...)}. */
    public GroupedData groupBy(Expr... keys) {
        return new GroupedData(this, List.of(keys));
    }

    /** Groups rows by key columns for {@code flatMapGroupsWithState} (arbitrary keyed state). */
    public KeyedDataset groupByKey(String... keyColumns) {
        return new KeyedDataset(this, List.of(keyColumns));
    }

    /** The result of {@link Dataset#groupByKey}. */
    public static final class KeyedDataset {
        private final Dataset source;
        private final List<String> keys;

        KeyedDataset(Dataset source, List<String> keys) {
            this.source = source;
            this.keys = keys;
        }

        /**
         * Runs {@code fn} per key with its state (a Java object of the caller's choosing) and timeouts;
         * emits rows of {@code outSchema}. Works in append and update mode.
         */
        public <S> Dataset flatMapGroupsWithState(
                Schema outSchema, GroupStateTimeout timeout, GroupStateFunction<S> fn) {
            return source.with(new FlatMapGroupsWithState(source.plan, keys, fn, outSchema, timeout));
        }

        /** Like the other overload; {@code codec} lets checkpoints store and restore the state objects. */
        public <S> Dataset flatMapGroupsWithState(
                Schema outSchema, GroupStateTimeout timeout, StateCodec<S> codec, GroupStateFunction<S> fn) {
            return source.with(new FlatMapGroupsWithState(source.plan, keys, fn, outSchema, timeout, codec));
        }
    }

    /** Declares {@code column} as event time with a watermark of max seen minus {@code delay} ("10 minutes"). */
    public Dataset withWatermark(String column, String delay) {
        return with(new Watermark(plan, column, Intervals.parseMicros(delay)));
    }

    /** Keeps the first row per combination of the columns (all columns when none are given). */
    public Dataset dropDuplicates(String... columns) {
        return with(new Deduplicate(plan, List.of(columns)));
    }

    /**
     * Spark's {@code dropDuplicatesWithinWatermark}: keeps the first row per combination of the columns (all columns
     * when none are given) and remembers each key until the watermark reaches that row's event time plus the
     * watermark's delay; a duplicate that comes later is passed on again. Needs {@link #withWatermark} on a stream, so
     * the key columns need not include the event time for the state to stay bounded. Rows later than the watermark are
     * dropped and counted. On a static Dataset it is {@link #dropDuplicates}.
     */
    public Dataset dropDuplicatesWithinWatermark(String... columns) {
        return with(new Deduplicate(plan, List.of(columns), true));
    }

    /**
     * Sorts by columns, Spark's {@code orderBy}: {@code "visits DESC"}, {@code "page"} (ascending), optionally
     * {@code NULLS FIRST|LAST} (default: nulls first ascending, last descending). On a stream only over an
     * aggregation in complete output mode, where every trigger's whole result is sorted (checked at start).
     */
    public Dataset orderBy(String... columns) {
        List<Sort.Order> orders = new ArrayList<>();
        for (String c : columns) {
            orders.add(order(c));
        }
        if (orders.isEmpty()) {
            throw new IllegalArgumentException("orderBy needs at least one column");
        }
        return with(new Sort(plan, orders, -1));
    }

    /** At most {@code n} rows: the first n after {@link #orderBy}; on a stream, like orderBy, complete mode only. */
    public Dataset limit(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, got " + n);
        }
        if (plan instanceof Sort s && s.limit() < 0) {
            return with(new Sort(s.child(), s.orders(), n));
        }
        return with(new Sort(plan, List.of(), n));
    }

    private static Sort.Order order(String spec) {
        String[] words = spec.trim().split("\\s+");
        String u = String.join(" ", Arrays.copyOfRange(words, 1, words.length)).toUpperCase(Locale.ROOT);
        boolean asc = !u.startsWith("DESC");
        String rest = u.replaceFirst("^(ASC|DESC)\\s*", "");
        if (!rest.isEmpty() && !rest.equals("NULLS FIRST") && !rest.equals("NULLS LAST")) {
            throw new IllegalArgumentException(
                    "orderBy takes \"column [ASC|DESC] [NULLS FIRST|LAST]\", got '" + spec + "'");
        }
        return new Sort.Order(words[0], asc, rest.isEmpty() ? asc : rest.equals("NULLS FIRST"));
    }

    /** UNION ALL with Datasets of the same column types (by position). */
    public Dataset union(Dataset... others) {
        List<LogicalPlan> all = new ArrayList<>();
        all.add(plan);
        for (Dataset d : others) {
            all.add(d.plan);
        }
        return with(new Union(all));
    }

    /** An inner join. */
    public Dataset join(Dataset right, Expr condition) {
        return join(right, condition, "inner");
    }

    /**
     * A join of type "inner", "left_outer" ("left", "leftouter") or "left_semi" ("semi", "leftsemi": the left rows that
     * have a match, each once, with the left columns only).
     */
    public Dataset join(Dataset right, Expr condition, String type) {
        String t = type.toLowerCase(Locale.ROOT).replace("_", "");
        Join.JoinType jt = switch (t) {
            case "inner" -> Join.JoinType.INNER;
            case "left", "leftouter" -> Join.JoinType.LEFT_OUTER;
            case "semi", "leftsemi" -> Join.JoinType.LEFT_SEMI;
            default ->
                throw new IllegalArgumentException(
                        "unsupported join type '" + type + "': use inner, left_outer or left_semi");
        };
        // expr("...") in the condition is parsed over the joined columns, as Spark's join(df, expr(...))
        Expr resolved = resolveSql(condition, Join.combine(plan.schema(), right.plan.schema()));
        return with(new Join(plan, right.plan, jt, resolved));
    }

    /** Joins with a static Tablesaw table. */
    public Dataset join(Table right, Expr condition, String type) {
        return join(session.createDataFrame(right), condition, type);
    }

    /** Names this Dataset in its session (for SQL and {@code eddy.view(name)}). */
    public Dataset createOrReplaceTempView(String name) {
        session.registerView(name, this);
        return this;
    }

    public DataStreamWriter writeStream() {
        if (!isStreaming()) {
            throw new IllegalArgumentException("writeStream() needs a streaming Dataset (one read with readStream())");
        }
        return new DataStreamWriter(session, this);
    }

    /** The logical plan as text. */
    public String explain() {
        return "== Logical Plan ==\n" + Explain.logical(plan);
    }

    @Override
    public String toString() {
        return "Dataset" + schema();
    }

    /** The result of {@link Dataset#groupBy}: finish it with {@link #agg} or {@link #count()}. */
    public static final class GroupedData {
        private final Dataset source;
        private final List<Expr> keys;

        GroupedData(Dataset source, List<Expr> keys) {
            this.source = source;
            this.keys = keys;
        }

        public Dataset agg(Expr... aggregates) {
            Schema in = source.plan.schema();
            List<Expr> k = keys.stream().map(e -> resolveSql(e, in)).toList();
            return source.with(new Aggregate(source.plan, k, List.of(resolveSql(aggregates, in))));
        }

        /** count(*) as column "count". */
        public Dataset count() {
            return agg(Functions.count());
        }

        public Dataset sum(String column) {
            return agg(Functions.sum(Functions.col(column)));
        }

        public Dataset avg(String column) {
            return agg(Functions.avg(Functions.col(column)));
        }

        public Dataset max(String column) {
            return agg(Functions.max(Functions.col(column)));
        }

        public Dataset min(String column) {
            return agg(Functions.min(Functions.col(column)));
        }
    }
}
