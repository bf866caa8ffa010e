package dev.eddy.spark.internal.translate;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.Sort;
import dev.eddy.streaming.api.plan.Watermark;
import dev.eddy.streaming.internal.table.Tables;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import tech.tablesaw.api.Table;

/**
 * Reads a Spark memory sink as the result table Eddy's own memory sink would hold. Spark's memory sink appends
 * every batch's output rows; in update mode that is one row per changed group per batch, so the rows are folded in
 * batch order into the latest row per grouping key (the aggregation's grouping columns that reach the output).
 */
public final class MemorySinkReader {
    private final SparkSession spark;
    private final String table;
    private final Schema schema;
    private final OutputMode mode;
    private final List<Integer> keyColumns;

    public MemorySinkReader(SparkSession spark, String table, LogicalPlan plan, OutputMode mode) {
        this.spark = spark;
        this.table = table;
        this.schema = plan.schema();
        this.mode = mode;
        this.keyColumns = keyColumns(plan);
    }

    /**
     * The key columns' positions in the output: the aggregation's grouping columns, followed through the
     * projections above it (SQL's {@code window.start AS window_start} keeps the window as a key).
     */
    static List<Integer> keyColumns(LogicalPlan plan) {
        List<Integer> out = new ArrayList<>();
        Set<String> keys = keyNames(plan);
        for (int i = 0; i < plan.schema().size(); i++) {
            if (keys.contains(plan.schema().field(i).name())) {
                out.add(i);
            }
        }
        return out;
    }

    private static Set<String> keyNames(LogicalPlan plan) {
        Set<String> out = new HashSet<>();
        if (plan instanceof Aggregate a) {
            for (var g : a.groupings()) {
                out.add(ExprTypes.field(g, a.child().schema()).name());
            }
        } else if (plan instanceof Project p) {
            Set<String> below = keyNames(p.child());
            for (var e : p.exprs()) {
                if (ExprTypes.unalias(e) instanceof Expr.Col c) {
                    String name = c.name();
                    String top = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                    if (below.contains(name) || below.contains(top)) {
                        out.add(ExprTypes.field(e, p.child().schema()).name());
                    }
                }
            }
        } else if (plan instanceof Filter || plan instanceof Sort || plan instanceof Watermark) {
            out.addAll(keyNames(plan.children().get(0)));
        }
        return out;
    }

    public Table read() {
        List<Row> rows =
                spark.sql("SELECT * FROM `" + table.replace("`", "``") + "`").collectAsList();
        if (mode == OutputMode.UPDATE && !keyColumns.isEmpty()) {
            rows = latestPerKey(rows);
        }
        BatchBuilder b = Batch.builder(schema, rows.size());
        for (Row r : rows) {
            Object[] values = new Object[schema.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = eddyValue(schema.field(i), r.get(i));
            }
            b.addRow(values);
        }
        return Tables.toTable(table, b.build());
    }

    List<Row> latestPerKey(List<Row> rows) {
        Map<List<Object>, Row> latest = new LinkedHashMap<>();
        for (Row r : rows) {
            List<Object> key = new ArrayList<>(keyColumns.size());
            for (int k : keyColumns) {
                key.add(r.get(k));
            }
            latest.put(key, r); // a key keeps its first position, with its latest values
        }
        return new ArrayList<>(latest.values());
    }

    static Object eddyValue(Field f, Object v) {
        if (v == null) {
            return null;
        }
        if (f.type() == DataType.TIMESTAMP) {
            if (v instanceof Timestamp t) {
                return t.toInstant();
            }
            return v; // java.time.Instant with the Java 8 time API on
        }
        if (f.type() == DataType.DATE) {
            return v instanceof Date d ? d.toLocalDate() : v; // java.time.LocalDate with the Java 8 time API on
        }
        if (f.type() == DataType.STRUCT) {
            Row s = (Row) v;
            Object[] out = new Object[f.children().size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = eddyValue(f.children().get(i), s.get(i));
            }
            return out;
        }
        return v;
    }
}
