package dev.eddy.streaming.api.expr;

import static dev.eddy.streaming.api.expr.ExprTypes.commonType;
import static dev.eddy.streaming.api.expr.ExprTypes.numeric;
import static dev.eddy.streaming.api.expr.ExprTypes.type;
import static dev.eddy.streaming.api.expr.ExprTypes.widen;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;
import java.util.Locale;

/** The types of function calls for {@link ExprTypes}: each built-in's arguments checked, then its result type. */
final class CallTypes {
    private CallTypes() {}

    /** The type of a call of a built-in or registered function, its arguments checked. */
    static DataType of(Expr.Call c, Schema in) {
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
}
