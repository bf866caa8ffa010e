package dev.eddy.streaming.api.expr;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;

/** Resolves an expression's output field (name and type) against an input schema, with clear errors. */
public final class ExprTypes {
    /** The fields of the {@code window} struct column. */
    public static final Field WINDOW_FIELD =
            Field.struct("window", Field.of("start", DataType.TIMESTAMP), Field.of("end", DataType.TIMESTAMP));

    public static final Field SESSION_WINDOW_FIELD = WINDOW_FIELD.withName("session_window");

    private ExprTypes() {}

    /** The output field of an expression, named as Spark would name it. */
    public static Field field(Expr e, Schema in) {
        if (e instanceof Expr.Alias a) {
            return field(a.child(), in).withName(a.name());
        }
        if (e instanceof Expr.Col c) {
            return resolveColumn(c.name(), in);
        }
        if (e instanceof Expr.Window w) {
            requireTime(w.time(), in, "window");
            return WINDOW_FIELD;
        }
        if (e instanceof Expr.SessionWindow w) {
            requireTime(w.time(), in, "session_window");
            return SESSION_WINDOW_FIELD;
        }
        return Field.of(name(e), type(e, in));
    }

    public static String name(Expr e) {
        if (e instanceof Expr.Alias a) {
            return a.name();
        }
        if (e instanceof Expr.Col c) {
            return c.name().contains(".") ? c.name().substring(c.name().lastIndexOf('.') + 1) : c.name();
        }
        if (e instanceof Expr.Window) {
            return "window";
        }
        if (e instanceof Expr.SessionWindow) {
            return "session_window";
        }
        if (e instanceof Expr.Agg a && a.fn() == Expr.AggFn.COUNT && a.arg() == null) {
            return "count";
        }
        if (e instanceof Expr.Call c && c.function().equals("explode")) {
            return "col";
        }
        return e.toString();
    }

    public static DataType type(Expr e, Schema in) {
        if (e instanceof Expr.Alias a) {
            return type(a.child(), in);
        }
        if (e instanceof Expr.Col c) {
            return resolveColumn(c.name(), in).type();
        }
        if (e instanceof Expr.Lit l) {
            return l.type();
        }
        if (e instanceof Expr.Cast c) {
            type(c.child(), in);
            return c.to();
        }
        if (e instanceof Expr.Unary u) {
            return unaryType(u, in);
        }
        if (e instanceof Expr.Binary b) {
            return binaryType(b, in);
        }
        if (e instanceof Expr.Call c) {
            return CallTypes.of(c, in);
        }
        if (e instanceof Expr.Agg a) {
            return aggType(a, in);
        }
        return field(e, in).type();
    }

    /** A column by name; {@code a.b} is field b of struct a. */
    public static Field resolveColumn(String name, Schema in) {
        int i = in.indexOf(name);
        if (i >= 0) {
            return in.field(i);
        }
        int dot = name.indexOf('.');
        if (dot > 0 && in.indexOf(name.substring(0, dot)) >= 0) {
            // an unknown parent is named with its field ('window.start'), as Spark names it
            Field parent = in.field(in.indexOf(name.substring(0, dot)));
            if (parent.type() == DataType.STRUCT) {
                return resolveColumn(name.substring(dot + 1), Schema.of(parent.children()));
            }
        }
        throw new IllegalArgumentException("cannot resolve column '" + name + "' among " + in.names());
    }

    private static void requireTime(Expr time, Schema in, String fn) {
        DataType t = type(time, in);
        if (t != DataType.TIMESTAMP) {
            throw new IllegalArgumentException(fn + "() needs a timestamp column, but " + time + " is " + t.sqlName());
        }
    }

    private static DataType unaryType(Expr.Unary u, Schema in) {
        DataType t = type(u.child(), in);
        return switch (u.op()) {
            case NOT -> {
                if (t != DataType.BOOLEAN) {
                    throw new IllegalArgumentException("NOT needs a boolean, but " + u.child() + " is " + t.sqlName());
                }
                yield DataType.BOOLEAN;
            }
            case NEG -> t.isInterval() ? t : numeric(t, u.child());
            case IS_NULL, IS_NOT_NULL -> DataType.BOOLEAN;
        };
    }

    private static DataType binaryType(Expr.Binary b, Schema in) {
        DataType l = type(b.left(), in);
        DataType r = type(b.right(), in);
        if (b.op().isLogical()) {
            if (l != DataType.BOOLEAN || r != DataType.BOOLEAN) {
                throw new IllegalArgumentException(b.op().symbol + " needs booleans in " + b);
            }
            return DataType.BOOLEAN;
        }
        if (b.op().isComparison()) {
            if (commonType(l, r) == null) {
                throw new IllegalArgumentException(
                        "cannot compare " + l.sqlName() + " with " + r.sqlName() + " in " + b);
            }
            return DataType.BOOLEAN;
        }
        if ((b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB) && l == DataType.DATE && r == DataType.INT) {
            return DataType.DATE; // Spark's date + n: date_add
        }
        if ((b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)
                && l == DataType.TIMESTAMP
                && (r == DataType.LONG
                        || r == DataType.INT
                        || r.isInterval() && r != DataType.INTERVAL_YEAR_TO_MONTH)) {
            return DataType.TIMESTAMP;
        }
        if (b.op() == Expr.BinaryOp.ADD
                && r == DataType.TIMESTAMP
                && l.isInterval()
                && l != DataType.INTERVAL_YEAR_TO_MONTH) {
            return DataType.TIMESTAMP;
        }
        if (b.op() == Expr.BinaryOp.SUB && l.isDatetime() && r.isDatetime()) {
            // Spark's DATE - DATE is an INTERVAL DAY, a TIMESTAMP (with a DATE or not) minus one a DAY TO SECOND
            return l == DataType.DATE && r == DataType.DATE ? DataType.INTERVAL_DAY : DataType.INTERVAL_DAY_TO_SECOND;
        }
        if (l.isInterval() || r.isInterval()) {
            return intervalArithmetic(b, l, r);
        }
        if (b.op() == Expr.BinaryOp.DIV) {
            numeric(l, b.left());
            numeric(r, b.right());
            return DataType.DOUBLE;
        }
        return widen(numeric(l, b.left()), numeric(r, b.right()));
    }

    /**
     * Spark's interval arithmetic: two intervals of one kind add and subtract (day-time ones to the wider fields);
     * an interval times a whole number is that interval.
     */
    private static DataType intervalArithmetic(Expr.Binary b, DataType l, DataType r) {
        boolean sum = b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB;
        if (sum
                && l.isInterval()
                && r.isInterval()
                && (l == DataType.INTERVAL_YEAR_TO_MONTH) == (r == DataType.INTERVAL_YEAR_TO_MONTH)) {
            return l == r ? l : DataType.INTERVAL_DAY_TO_SECOND;
        }
        if (b.op() == Expr.BinaryOp.MUL && (l.isInterval() && whole(r) || whole(l) && r.isInterval())) {
            return l.isInterval() ? l : r;
        }
        throw new IllegalArgumentException(
                "cannot compute " + l.sqlName() + " " + b.op().symbol + " " + r.sqlName() + " in " + b);
    }

    private static boolean whole(DataType t) {
        return t == DataType.INT || t == DataType.LONG;
    }

    /** The type both sides are compared in, or null if they cannot be compared. */
    public static DataType commonType(DataType l, DataType r) {
        if (l == r) {
            return l;
        }
        if (l.isNumeric() && r.isNumeric()) {
            return widen(l, r);
        }
        if (l.isInterval()
                && r.isInterval()
                && (l == DataType.INTERVAL_YEAR_TO_MONTH) == (r == DataType.INTERVAL_YEAR_TO_MONTH)) {
            return DataType.INTERVAL_DAY_TO_SECOND; // microseconds compare as longs
        }
        // Spark compares a DATE with a TIMESTAMP as timestamps (the day's midnight, UTC) and casts text to a DATE
        if (l.isDatetime() && r.isDatetime()) {
            return DataType.TIMESTAMP;
        }
        if ((l == DataType.DATE && r == DataType.STRING) || (l == DataType.STRING && r == DataType.DATE)) {
            return DataType.DATE;
        }
        return null;
    }

    public static DataType widen(DataType a, DataType b) {
        if (a == DataType.DOUBLE || b == DataType.DOUBLE) {
            return DataType.DOUBLE;
        }
        if (a == DataType.LONG || b == DataType.LONG) {
            return DataType.LONG;
        }
        return DataType.INT;
    }

    static DataType numeric(DataType t, Expr e) {
        if (!t.isNumeric()) {
            throw new IllegalArgumentException("arithmetic needs numbers, but " + e + " is " + t.sqlName());
        }
        return t;
    }

    private static DataType aggType(Expr.Agg a, Schema in) {
        if (a.arg() == null) {
            if (a.fn() != Expr.AggFn.COUNT) {
                throw new IllegalArgumentException(a.fn() + " needs an argument");
            }
            return DataType.LONG;
        }
        DataType t = type(a.arg(), in);
        return switch (a.fn()) {
            case COUNT, APPROX_COUNT_DISTINCT -> DataType.LONG;
            case AVG -> {
                numeric(t, a.arg());
                yield DataType.DOUBLE;
            }
            case SUM -> t.isInterval() ? t : numeric(t, a.arg()) == DataType.DOUBLE ? DataType.DOUBLE : DataType.LONG;
            case MIN, MAX -> {
                if (t == DataType.STRUCT || t == DataType.BOOLEAN) {
                    throw new IllegalArgumentException(a.fn() + " cannot take " + t.sqlName());
                }
                yield t;
            }
        };
    }

    /** True if the expression contains an aggregate call. */
    public static boolean containsAgg(Expr e) {
        return children(e).stream().anyMatch(ExprTypes::containsAgg) || e instanceof Expr.Agg;
    }

    /** The direct sub-expressions of an expression. */
    public static List<Expr> children(Expr e) {
        if (e instanceof Expr.Alias a) {
            return List.of(a.child());
        }
        if (e instanceof Expr.Binary b) {
            return List.of(b.left(), b.right());
        }
        if (e instanceof Expr.Unary u) {
            return List.of(u.child());
        }
        if (e instanceof Expr.Cast c) {
            return List.of(c.child());
        }
        if (e instanceof Expr.Call c) {
            return c.args();
        }
        if (e instanceof Expr.Window w) {
            return List.of(w.time());
        }
        if (e instanceof Expr.SessionWindow w) {
            return List.of(w.time());
        }
        if (e instanceof Expr.Agg a && a.arg() != null) {
            return List.of(a.arg());
        }
        return List.of();
    }

    /** Strips aliases. */
    public static Expr unalias(Expr e) {
        return e instanceof Expr.Alias a ? unalias(a.child()) : e;
    }
}
