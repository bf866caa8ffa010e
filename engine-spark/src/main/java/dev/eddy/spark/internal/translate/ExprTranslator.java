package dev.eddy.spark.internal.translate;

import dev.eddy.spark.api.SparkRefusal;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Eddy expressions as Spark columns. Every output column is cast to the type and given the name Eddy's plan
 * gives it ({@link #output}), so a query has the same schema on both engines and results compare cell by cell.
 */
final class ExprTranslator {
    private ExprTranslator() {}

    /** {@code e} as a named output column of a select or aggregation over {@code in}. */
    static Column output(Expr e, Schema in) {
        Field f = ExprTypes.field(e, in);
        Column c = column(ExprTypes.unalias(e), in);
        if (f.type() != DataType.STRUCT) {
            c = c.cast(SparkTypes.of(f.type()));
        }
        return c.as(f.name());
    }

    static Column column(Expr e, Schema in) {
        if (e instanceof Expr.Col c) {
            return functions.col(quoteTop(c.name()));
        }
        if (e instanceof Expr.Lit l) {
            return literal(l);
        }
        if (e instanceof Expr.Alias a) {
            return column(a.child(), in).as(a.name());
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, in);
        }
        if (e instanceof Expr.Unary u) {
            Column c = column(u.child(), in);
            return switch (u.op()) {
                case NOT -> functions.not(c);
                case NEG -> functions.negate(c);
                case IS_NULL -> c.isNull();
                case IS_NOT_NULL -> c.isNotNull();
            };
        }
        if (e instanceof Expr.Cast c) {
            return column(c.child(), in).cast(SparkTypes.of(c.to()));
        }
        if (e instanceof Expr.Call call) {
            return call(call, in);
        }
        if (e instanceof Expr.Window w) {
            return functions.window(
                    column(w.time(), in),
                    interval(w.sizeMicros()),
                    interval(w.slideMicros()),
                    interval(w.offsetMicros()));
        }
        if (e instanceof Expr.SessionWindow s) {
            return functions.session_window(column(s.time(), in), interval(s.gapMicros()));
        }
        if (e instanceof Expr.Agg a) {
            return aggregate(a, in);
        }
        throw new IllegalArgumentException("unknown expression " + e);
    }

    /** A duration as a Spark interval string, in the largest exact unit ("10 seconds", "1500 milliseconds"). */
    static String interval(long micros) {
        if (micros == 0) {
            return "0 seconds";
        }
        if (micros % 1_000_000L == 0) {
            return micros / 1_000_000L + " seconds";
        }
        if (micros % 1_000L == 0) {
            return micros / 1_000L + " milliseconds";
        }
        return micros + " microseconds";
    }

    // Eddy's "a.b" is field b of struct a, as in Spark; a top-level name with other odd characters is quoted.
    private static String quoteTop(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")
                ? name
                : "`" + name.replace("`", "``") + "`";
    }

    private static Column literal(Expr.Lit l) {
        if (l.value() == null) {
            return functions.lit(null).cast(SparkTypes.of(l.type()));
        }
        if (l.type() == DataType.TIMESTAMP) {
            return functions.timestamp_micros(functions.lit(((Number) l.value()).longValue()));
        }
        if (l.type() == DataType.DATE) { // days since the epoch, as Spark's DATE holds them
            Object v = l.value();
            long days = v instanceof LocalDate d ? d.toEpochDay() : ((Number) v).longValue();
            return functions.date_from_unix_date(functions.lit(Math.toIntExact(days)));
        }
        return functions.lit(l.value()).cast(SparkTypes.of(l.type()));
    }

    private static Column binary(Expr.Binary b, Schema in) {
        Column l = column(b.left(), in);
        Column r = column(b.right(), in);
        DataType lt = ExprTypes.type(b.left(), in);
        if ((b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)
                && lt == DataType.TIMESTAMP
                && ExprTypes.type(b.right(), in) != DataType.TIMESTAMP) {
            // Eddy adds microseconds to a timestamp; Spark adds intervals: go through epoch microseconds
            Column micros = functions.unix_micros(l);
            return functions.timestamp_micros(b.op() == Expr.BinaryOp.ADD ? micros.plus(r) : micros.minus(r));
        }
        return switch (b.op()) {
            case ADD -> l.plus(r);
            case SUB -> l.minus(r);
            case MUL -> l.multiply(r);
            case DIV -> l.cast("double").divide(r.cast("double"));
            case MOD -> l.mod(r);
            case EQ -> l.equalTo(r);
            case NE -> l.notEqual(r);
            case LT -> l.lt(r);
            case LE -> l.leq(r);
            case GT -> l.gt(r);
            case GE -> l.geq(r);
            case AND -> l.and(r);
            case OR -> l.or(r);
        };
    }

    private static Column call(Expr.Call call, Schema in) {
        List<Expr> args = call.args();
        Column[] cols = new Column[args.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = column(args.get(i), in);
        }
        return switch (call.function()) {
            case "lower" -> functions.lower(cols[0]);
            case "upper" -> functions.upper(cols[0]);
            case "length" -> functions.length(cols[0]);
            case "trim" -> functions.trim(cols[0]);
            case "abs" -> functions.abs(cols[0]);
            case "div" -> functions.call_function("div", cols[0].cast("long"), cols[1].cast("long"));
            case "try_divide" -> functions.try_divide(cols[0].cast("double"), cols[1].cast("double"));
            case "try_mod" -> functions.try_mod(cols[0], cols[1]);
            case "concat" -> functions.concat(cols);
            case "coalesce" -> functions.coalesce(cols);
            case "case_when" -> caseWhen(cols);
            case "to_date" -> functions.to_date(cols[0]);
            case "date_add" -> functions.date_add(cols[0], cols[1]);
            case "date_sub" -> functions.date_sub(cols[0], cols[1]);
            case "add_months" -> functions.add_months(cols[0], cols[1]);
            case "last_day" -> functions.last_day(cols[0]);
            case "next_day" -> functions.next_day(cols[0], cols[1]);
            case "make_date" -> functions.make_date(cols[0], cols[1], cols[2]);
            case "trunc" -> functions.trunc(cols[0], stringLiteral(args.get(1)));
            case "datediff" -> functions.datediff(cols[0], cols[1]);
            // Spark uses the micro-batch's timestamp in a streaming query, as the embedded engine does
            case "current_timestamp" -> functions.current_timestamp();
            case "current_date" -> functions.current_date();
            default ->
                throw new SparkRefusal(
                        "the function " + call.function() + "(...) has no Spark translation" + " in this context",
                        "run this query on the embedded engine (%engine local)");
        };
    }

    private static String stringLiteral(Expr e) {
        if (ExprTypes.unalias(e) instanceof Expr.Lit l && l.value() instanceof String s) {
            return s;
        }
        throw new SparkRefusal("trunc(...) takes its unit as a string literal on Spark", "write the unit as a literal");
    }

    /** condition, value, condition, value, ..., otherwise (the last argument, possibly absent). */
    private static Column caseWhen(Column[] cols) {
        Column out = functions.when(cols[0], cols[1]);
        int i = 2;
        for (; i + 1 < cols.length; i += 2) {
            out = out.when(cols[i], cols[i + 1]);
        }
        return i < cols.length ? out.otherwise(cols[i]) : out;
    }

    private static Column aggregate(Expr.Agg a, Schema in) {
        if (a.arg() == null) {
            return functions.count(functions.lit(1));
        }
        Column c = column(a.arg(), in);
        return switch (a.fn()) {
            case COUNT -> functions.count(c);
            case SUM -> functions.sum(c);
            case AVG -> functions.avg(c);
            case MIN -> functions.min(c);
            case MAX -> functions.max(c);
            case APPROX_COUNT_DISTINCT -> functions.approx_count_distinct(c);
        };
    }
}
