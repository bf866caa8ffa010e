package dev.eddy.streaming.api.expr;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;
import java.util.Locale;

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
            return callType(c, in);
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

    private static DataType numeric(DataType t, Expr e) {
        if (!t.isNumeric()) {
            throw new IllegalArgumentException("arithmetic needs numbers, but " + e + " is " + t.sqlName());
        }
        return t;
    }

    private static DataType callType(Expr.Call c, Schema in) {
        List<Expr> a = c.args();
        String fn = c.function().toLowerCase(Locale.ROOT);
        if (!fn.equals("explode")) {
            for (Expr arg : a) {
                type(arg, in);
            }
        }
        return switch (fn) {
            case "lower", "upper", "trim", "concat" -> DataType.STRING;
            case "length" -> DataType.INT;
            case "current_timestamp", "current_date" -> {
                if (!a.isEmpty()) {
                    throw new IllegalArgumentException(fn + "() takes no arguments, got " + a.size());
                }
                yield fn.equals("current_date") ? DataType.DATE : DataType.TIMESTAMP;
            }
            case "in" -> DataType.BOOLEAN;
            case "sqrt" -> {
                numeric(type(a.get(0), in), a.get(0));
                yield DataType.DOUBLE;
            }
            // a DECIMAL quotient or cast at a scale (the last argument): Spark's decimal value, held as a DOUBLE
            case "decimal_divide", "decimal_round" -> {
                // decimal_round(x, scale[, precision[, orNull]]): the last one a BOOLEAN
                for (Expr arg : a.subList(0, Math.min(a.size(), 3))) {
                    numeric(type(arg, in), arg);
                }
                yield DataType.DOUBLE;
            }
            case "abs" -> numeric(type(a.get(0), in), a.get(0));
            case "div" -> {
                if (a.size() != 2) {
                    throw new IllegalArgumentException("div() takes two arguments: " + c);
                }
                for (Expr arg : a) {
                    if (numeric(type(arg, in), arg) == DataType.DOUBLE) {
                        throw new IllegalArgumentException("div() needs whole numbers, but " + arg + " is double");
                    }
                }
                yield DataType.LONG;
            }
            case "try_divide", "try_mod" -> {
                if (a.size() != 2) {
                    throw new IllegalArgumentException(fn + "() takes two arguments: " + c);
                }
                DataType t = widen(numeric(type(a.get(0), in), a.get(0)), numeric(type(a.get(1), in), a.get(1)));
                yield fn.equals("try_divide") ? DataType.DOUBLE : t;
            }
            case "coalesce" -> type(a.get(0), in);
            // cast_check(cast(x as t), x, type name, text): the cast, failing the query for a value that does not cast
            case "cast_check" -> type(a.get(0), in);
            case "case_when" -> caseWhenType(c, in);
            case "timestamp_seconds", "timestamp_millis", "timestamp_micros" -> {
                one(c, a);
                numeric(type(a.get(0), in), a.get(0));
                if (!fn.equals("timestamp_seconds") && type(a.get(0), in) == DataType.DOUBLE) {
                    throw new IllegalArgumentException(fn + "() needs a whole number, but " + a.get(0) + " is double");
                }
                yield DataType.TIMESTAMP;
            }
            case "unix_seconds", "unix_millis", "unix_micros" -> {
                one(c, a);
                if (type(a.get(0), in) != DataType.TIMESTAMP) {
                    throw new IllegalArgumentException(fn + "() needs a timestamp, but " + a.get(0) + " is "
                            + type(a.get(0), in).sqlName());
                }
                yield DataType.LONG;
            }
            case "to_date", "last_day" -> {
                dateArgs(c, a, in, 1);
                yield DataType.DATE;
            }
            case "date_add", "date_sub", "add_months" -> {
                dateArgs(c, a, in, 2);
                wholeNumber(c, a.get(1), in);
                yield DataType.DATE;
            }
            case "next_day", "trunc" -> {
                dateArgs(c, a, in, 2);
                if (type(a.get(1), in) != DataType.STRING) {
                    throw new IllegalArgumentException(fn + "() takes a string as its second argument: " + c);
                }
                yield DataType.DATE;
            }
            case "datediff" -> {
                dateArgs(c, a, in, 2);
                dateArg(c, a.get(1), in);
                yield DataType.INT;
            }
            case "make_date" -> {
                if (a.size() != 3) {
                    throw new IllegalArgumentException("make_date() takes year, month and day, got " + a.size());
                }
                for (Expr arg : a) {
                    wholeNumber(c, arg, in);
                }
                yield DataType.DATE;
            }
            case "expr" ->
                throw new IllegalArgumentException("expr(\"" + ((Expr.Lit) a.get(0)).value()
                        + "\") can only be used in a Dataset's select, filter, withColumn, groupBy or agg");
            case "explode" -> {
                if (!(a.get(0) instanceof Expr.Call s) || !s.function().equals("split")) {
                    throw new IllegalArgumentException("explode() takes split(column, pattern) as its argument");
                }
                DataType st = type(s.args().get(0), in);
                if (st != DataType.STRING) {
                    throw new IllegalArgumentException(
                            "split() needs a string, but " + s.args().get(0) + " is " + st.sqlName());
                }
                yield DataType.STRING;
            }
            case "split" -> throw new IllegalArgumentException("split() can only be used inside explode() for now");
            default -> {
                ScalarFunctions.ScalarFunction registered = ScalarFunctions.get(fn);
                if (registered == null) {
                    throw new IllegalArgumentException("unknown function '" + c.function() + "'");
                }
                yield registered.type();
            }
        };
    }

    /** A date function's argument count and its first argument: a DATE, a TIMESTAMP or date text. */
    private static void dateArgs(Expr.Call c, List<Expr> a, Schema in, int count) {
        if (a.size() != count) {
            throw new IllegalArgumentException(
                    c.function() + "() takes " + count + " argument" + (count == 1 ? "" : "s") + ", got " + a.size());
        }
        dateArg(c, a.get(0), in);
    }

    private static void dateArg(Expr.Call c, Expr arg, Schema in) {
        DataType t = type(arg, in);
        if (!t.isDatetime() && t != DataType.STRING) {
            throw new IllegalArgumentException(
                    c.function() + "() needs a date, timestamp or date text, but " + arg + " is " + t.sqlName());
        }
    }

    private static void wholeNumber(Expr.Call c, Expr arg, Schema in) {
        DataType t = type(arg, in);
        if (t != DataType.INT && t != DataType.LONG) {
            throw new IllegalArgumentException(
                    c.function() + "() needs a whole number, but " + arg + " is " + t.sqlName());
        }
    }

    private static void one(Expr.Call c, List<Expr> a) {
        if (a.size() != 1) {
            throw new IllegalArgumentException(c.function() + "() takes one argument, got " + a.size());
        }
    }

    /** case_when(cond1, value1, cond2, value2, ..., otherwise): the values' common type. */
    private static DataType caseWhenType(Expr.Call c, Schema in) {
        List<Expr> a = c.args();
        if (a.size() < 3 || a.size() % 2 == 0) {
            throw new IllegalArgumentException("case_when takes condition, value pairs and a last value: " + c);
        }
        DataType t = type(a.get(a.size() - 1), in);
        for (int i = 0; i + 1 < a.size(); i += 2) {
            if (type(a.get(i), in) != DataType.BOOLEAN) {
                throw new IllegalArgumentException("a CASE condition must be boolean: " + a.get(i));
            }
            DataType v = type(a.get(i + 1), in);
            DataType common = commonType(t, v);
            if (common == null) {
                throw new IllegalArgumentException("CASE values " + a.get(i + 1) + " (" + v.sqlName() + ") and "
                        + a.get(a.size() - 1) + " (" + t.sqlName() + ") have no common type");
            }
            t = common;
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
            case SUM -> numeric(t, a.arg()) == DataType.DOUBLE ? DataType.DOUBLE : DataType.LONG;
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
