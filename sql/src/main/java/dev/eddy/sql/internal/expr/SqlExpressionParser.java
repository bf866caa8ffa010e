package dev.eddy.sql.internal.expr;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.api.spi.ExpressionParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a select item by planning {@code SELECT <item> FROM input} through the SQL front end over a stand-in stream
 * of the Dataset's columns, then reads the item's engine expression back out of the translated plan (a projection,
 * or the one aggregate of a global aggregation), written over the input's columns.
 */
public final class SqlExpressionParser implements ExpressionParser {
    private static final String INPUT = "eddy_expr_input";
    private static final Set<String> WINDOW_STRUCTS = Set.of("window", "session_window");
    private static final Pattern GENERATED_NAME = Pattern.compile("EXPR\\$\\d+");
    /** Planning needs a session; this one never runs a query. */
    private static final Eddy PLANNING_ONLY = Eddy.create();

    @Override
    public Expr parse(String text, Schema input) {
        SqlCatalog catalog = new SqlCatalog();
        Map<String, Expr> structFields = new HashMap<>();
        Scan stand = new Scan("eddy-expr-input", Map.of(), standIn(input, structFields));
        catalog.put(Relation.javaStream(INPUT, stand));
        LogicalPlan plan;
        try {
            plan = new Sql(PLANNING_ONLY, catalog)
                    .stream("SELECT " + text + " FROM " + INPUT).plan();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expr(\"" + shorten(text) + "\"): " + e.getMessage(), e);
        }
        Expr e = substitute(itemOf(plan, stand, text), structFields);
        return e instanceof Expr.Alias a && GENERATED_NAME.matcher(a.name()).matches() ? a.child() : e;
    }

    /**
     * The input's columns as SQL sees them. SQL has no struct columns: a window struct ({@code window} or
     * {@code session_window}, as a windowed groupBy makes it) becomes the window_start and window_end columns that
     * {@code window.start} / {@code session_window.end} parse to, recorded in {@code structFields} to map them back
     * to the struct's fields; any other struct is left out (so the other columns still parse).
     */
    private static Schema standIn(Schema input, Map<String, Expr> structFields) {
        List<Field> fields = new ArrayList<>();
        for (Field f : input.fields()) {
            if (f.type() != DataType.STRUCT) {
                fields.add(f);
            } else if (WINDOW_STRUCTS.contains(f.name().toLowerCase(Locale.ROOT)) && structFields.isEmpty()) {
                for (Field child : f.children()) {
                    String bound = child.name().toLowerCase(Locale.ROOT);
                    if ((bound.equals("start") || bound.equals("end"))
                            && !input.names().contains("window_" + bound)) {
                        fields.add(Field.of("window_" + bound, child.type()));
                        structFields.put("window_" + bound, new Expr.Col(f.name() + "." + child.name()));
                    }
                }
            }
        }
        return Schema.of(fields);
    }

    private static Expr itemOf(LogicalPlan plan, Scan stand, String text) {
        if (plan instanceof Project p && p.exprs().size() == 1) {
            return over(p.exprs().get(0), p.child(), stand, text);
        }
        if (plan instanceof Aggregate a
                && a.groupings().isEmpty()
                && a.aggregates().size() == 1) {
            return over(a.aggregates().get(0), a.child(), stand, text);
        }
        throw new IllegalArgumentException(
                "expr(\"" + shorten(text) + "\") is not one expression the engine can use here");
    }

    /** {@code e} over {@code child}'s columns, rewritten over the stand-in input's columns. */
    private static Expr over(Expr e, LogicalPlan child, Scan stand, String text) {
        if (child == stand) {
            return e;
        }
        if (child instanceof Project p) {
            Map<String, Expr> byName = new HashMap<>();
            for (int i = 0; i < p.exprs().size(); i++) {
                Expr x = p.exprs().get(i);
                byName.put(p.schema().field(i).name(), x instanceof Expr.Alias a ? a.child() : x);
            }
            return over(substitute(e, byName), p.child(), stand, text);
        }
        throw new IllegalArgumentException(
                "expr(\"" + shorten(text) + "\") is not one expression the engine can use here");
    }

    private static Expr substitute(Expr e, Map<String, Expr> byName) {
        if (e instanceof Expr.Col c) {
            return byName.getOrDefault(c.name(), c);
        }
        if (e instanceof Expr.Alias a) {
            return new Expr.Alias(substitute(a.child(), byName), a.name());
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), substitute(b.left(), byName), substitute(b.right(), byName));
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), substitute(u.child(), byName));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(substitute(c.child(), byName), c.to());
        }
        if (e instanceof Expr.Call c) {
            List<Expr> args = c.args().stream().map(x -> substitute(x, byName)).toList();
            return new Expr.Call(c.function(), args);
        }
        if (e instanceof Expr.Agg a && a.arg() != null) {
            return new Expr.Agg(a.fn(), substitute(a.arg(), byName));
        }
        if (e instanceof Expr.Window w) {
            return new Expr.Window(substitute(w.time(), byName), w.sizeMicros(), w.slideMicros(), w.offsetMicros());
        }
        if (e instanceof Expr.SessionWindow s) {
            return new Expr.SessionWindow(substitute(s.time(), byName), s.gapMicros());
        }
        return e;
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
