package dev.eddy.spark.internal.translate;

import dev.eddy.spark.api.SparkRefusal;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
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
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.api.plan.Sort;
import dev.eddy.streaming.api.plan.StaticScan;
import dev.eddy.streaming.api.plan.Union;
import dev.eddy.streaming.api.plan.Watermark;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.connect.Dataset;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Eddy's logical plan (built by {@code %%sql} and by the Java Dataset API alike) as Spark Connect Dataset calls,
 * node by node. The result has the same column names, order and types as the plan's schema. Nodes that only the
 * kernel's JVM can run (Java lambdas, kernel-local sources) are refused with {@link SparkRefusal} while
 * translating, before anything reaches the cluster.
 */
public final class PlanTranslator {
    private final SparkSession spark;

    public PlanTranslator(SparkSession spark) {
        this.spark = spark;
    }

    public Dataset<Row> translate(LogicalPlan plan) {
        if (plan instanceof Scan s) {
            return SourceTranslator.scan(spark, s);
        }
        if (plan instanceof StaticScan s) {
            return staticTable(s);
        }
        if (plan instanceof Project p) {
            return translate(p.child()).select(outputs(p.exprs(), p.child().schema()));
        }
        if (plan instanceof Filter f) {
            return translate(f.child())
                    .filter(ExprTranslator.column(f.condition(), f.child().schema()));
        }
        if (plan instanceof Watermark w) {
            return translate(w.child()).withWatermark(w.column(), ExprTranslator.interval(w.delayMicros()));
        }
        if (plan instanceof Aggregate a) {
            return aggregate(a);
        }
        if (plan instanceof Deduplicate d) {
            List<String> keys = d.keyColumns();
            String[] rest = keys.subList(1, keys.size()).toArray(String[]::new);
            return d.withinWatermark()
                    ? translate(d.child()).dropDuplicatesWithinWatermark(keys.get(0), rest)
                    : translate(d.child()).dropDuplicates(keys.get(0), rest);
        }
        if (plan instanceof Generate g) {
            return generate(g);
        }
        if (plan instanceof AssignWindows a) {
            return assignWindows(a);
        }
        if (plan instanceof Union u) {
            return union(u);
        }
        if (plan instanceof Join j) {
            return join(j);
        }
        if (plan instanceof Sort s) {
            return sort(s);
        }
        if (plan instanceof MapRows m) {
            throw new SparkRefusal(
                    "'" + m.description() + "' is a Java lambda, which runs only in the kernel's JVM",
                    "express it with column functions (select, filter, withColumn, SQL), or run on the embedded"
                            + " engine (%engine local)");
        }
        if (plan instanceof FlatMapGroupsWithState) {
            throw new SparkRefusal(
                    "flatMapGroupsWithState calls a Java lambda, which runs only in the kernel's JVM",
                    "use a window or session_window aggregation, or run on the embedded engine (%engine local)");
        }
        throw new IllegalArgumentException("unknown plan node " + plan.describe());
    }

    private static Column[] outputs(List<Expr> exprs, Schema in) {
        Column[] out = new Column[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ExprTranslator.output(exprs.get(i), in);
        }
        return out;
    }

    private Dataset<Row> aggregate(Aggregate a) {
        Schema in = a.child().schema();
        Column[] keys = outputs(a.groupings(), in);
        Column[] aggs = outputs(a.aggregates(), in);
        Column[] rest = new Column[aggs.length - 1];
        System.arraycopy(aggs, 1, rest, 0, rest.length);
        return translate(a.child()).groupBy(keys).agg(aggs[0], rest);
    }

    private Dataset<Row> generate(Generate g) {
        Schema in = g.child().schema();
        List<Column> cols = new ArrayList<>();
        for (String n : in.names()) {
            cols.add(functions.col("`" + n + "`"));
        }
        // limit -1 keeps empty parts, as Eddy does
        cols.add(functions
                .explode(functions.split(ExprTranslator.column(g.input(), in), g.regex(), -1))
                .as(g.outputName()));
        return translate(g.child()).select(cols.toArray(Column[]::new));
    }

    /** Spark's own window(...) in a projection: the child's columns and the window struct. */
    private Dataset<Row> assignWindows(AssignWindows a) {
        Schema in = a.child().schema();
        List<Column> cols = new ArrayList<>();
        for (String n : in.names()) {
            cols.add(functions.col("`" + n + "`"));
        }
        cols.add(ExprTranslator.column(a.window(), in).as(a.outputName()));
        return translate(a.child()).select(cols.toArray(Column[]::new));
    }

    private Dataset<Row> union(Union u) {
        Schema first = u.schema();
        Dataset<Row> out = null;
        for (LogicalPlan input : u.inputs()) {
            // by position, with the first input's names (Eddy's rule and SQL's UNION ALL)
            Dataset<Row> d = translate(input).toDF(first.names().toArray(String[]::new));
            out = out == null ? d : out.union(d);
        }
        return out;
    }

    private Dataset<Row> join(Join j) {
        Schema left = j.left().schema();
        Schema right = j.right().schema();
        List<Column> renamed = new ArrayList<>();
        for (int i = 0; i < right.size(); i++) {
            // Eddy's combined schema: a right column whose name the left has is called right_<name>
            String name = right.field(i).name();
            String as = j.conditionSchema().field(left.size() + i).name();
            renamed.add(functions.col("`" + name + "`").as(as));
        }
        Dataset<Row> r = translate(j.right()).select(renamed.toArray(Column[]::new));
        String type = switch (j.type()) {
            case INNER -> "inner";
            case LEFT_OUTER -> "left_outer";
            case LEFT_SEMI -> "left_semi";
        };
        return translate(j.left()).join(r, ExprTranslator.column(j.condition(), j.conditionSchema()), type);
    }

    private Dataset<Row> sort(Sort s) {
        Dataset<Row> d = translate(s.child());
        if (!s.orders().isEmpty()) {
            Column[] orders = new Column[s.orders().size()];
            for (int i = 0; i < orders.length; i++) {
                Sort.Order o = s.orders().get(i);
                Column c = functions.col("`" + o.column() + "`");
                orders[i] = o.ascending()
                        ? (o.nullsFirst() ? c.asc_nulls_first() : c.asc_nulls_last())
                        : (o.nullsFirst() ? c.desc_nulls_first() : c.desc_nulls_last());
            }
            d = d.orderBy(orders);
        }
        if (s.limit() >= 0) {
            d = d.limit((int) Math.min(Integer.MAX_VALUE, s.limit()));
        }
        return d;
    }

    /** A static table is sent with the query (a local relation), as Spark's createDataFrame does. */
    private Dataset<Row> staticTable(StaticScan s) {
        Schema schema = s.schema();
        List<Row> rows = new ArrayList<>(s.data().numRows());
        for (dev.eddy.streaming.api.data.Row r : s.data()) {
            Object[] values = new Object[schema.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = sparkValue(schema.field(i), r.get(i));
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, SparkTypes.struct(schema));
    }

    private static Object sparkValue(Field f, Object v) {
        if (v == null) {
            return null;
        }
        if (f.type() == DataType.TIMESTAMP) {
            long micros = ((Number) v).longValue();
            Timestamp t = new Timestamp(Math.floorDiv(micros, 1000L));
            t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
            return t;
        }
        if (f.type() == DataType.DATE) {
            return Date.valueOf((LocalDate) v);
        }
        if (f.type() == DataType.STRUCT) {
            dev.eddy.streaming.api.data.Row struct = (dev.eddy.streaming.api.data.Row) v;
            Object[] values = new Object[f.children().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = sparkValue(f.children().get(i), struct.get(i));
            }
            return RowFactory.create(values);
        }
        return v;
    }
}
