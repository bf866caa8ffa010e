package dev.eddy.streaming.api.expr;

import dev.eddy.streaming.api.Intervals;
import dev.eddy.streaming.api.data.DataType;
import java.util.List;
import java.util.Locale;

/**
 * An immutable expression tree node. The fluent API ({@link Functions}, {@code Dataset}) and the SQL front
 * end both build these; the physical planner compiles them to vectorized evaluators. Types are resolved
 * against an input schema by {@link ExprTypes}.
 */
public sealed interface Expr
        permits Expr.Col,
                Expr.Lit,
                Expr.Binary,
                Expr.Unary,
                Expr.Cast,
                Expr.Call,
                Expr.Window,
                Expr.SessionWindow,
                Expr.Agg,
                Expr.Alias {

    // Fluent forms, as on Spark's Column: col("n").gt(3), explode(split(col("v"), " ")).as("word").
    // An argument that is not an Expr is taken as a literal.

    default Expr as(String name) {
        return new Alias(this, name);
    }

    default Expr alias(String name) {
        return as(name);
    }

    default Expr plus(Object o) {
        return new Binary(BinaryOp.ADD, this, Functions.exprOf(o));
    }

    default Expr minus(Object o) {
        return new Binary(BinaryOp.SUB, this, Functions.exprOf(o));
    }

    default Expr multiply(Object o) {
        return new Binary(BinaryOp.MUL, this, Functions.exprOf(o));
    }

    default Expr divide(Object o) {
        return new Binary(BinaryOp.DIV, this, Functions.exprOf(o));
    }

    default Expr mod(Object o) {
        return new Binary(BinaryOp.MOD, this, Functions.exprOf(o));
    }

    default Expr equalTo(Object o) {
        return new Binary(BinaryOp.EQ, this, Functions.exprOf(o));
    }

    default Expr notEqual(Object o) {
        return new Binary(BinaryOp.NE, this, Functions.exprOf(o));
    }

    default Expr gt(Object o) {
        return new Binary(BinaryOp.GT, this, Functions.exprOf(o));
    }

    default Expr geq(Object o) {
        return new Binary(BinaryOp.GE, this, Functions.exprOf(o));
    }

    default Expr lt(Object o) {
        return new Binary(BinaryOp.LT, this, Functions.exprOf(o));
    }

    default Expr leq(Object o) {
        return new Binary(BinaryOp.LE, this, Functions.exprOf(o));
    }

    default Expr and(Expr o) {
        return new Binary(BinaryOp.AND, this, o);
    }

    default Expr or(Expr o) {
        return new Binary(BinaryOp.OR, this, o);
    }

    default Expr not() {
        return new Unary(UnaryOp.NOT, this);
    }

    default Expr isNull() {
        return new Unary(UnaryOp.IS_NULL, this);
    }

    default Expr isNotNull() {
        return new Unary(UnaryOp.IS_NOT_NULL, this);
    }

    /**
     * Field {@code name} of this struct column, as Spark's {@code col("window").getField("start")}: the same
     * as {@code col("window.start")}, named {@code start}. Only a column reference has fields.
     */
    default Expr getField(String name) {
        if (ExprTypes.unalias(this) instanceof Col c) {
            return new Col(c.name() + "." + name);
        }
        throw new IllegalArgumentException("getField(\"" + name + "\") needs a struct column, not " + this);
    }

    default Expr cast(DataType to) {
        return new Cast(this, to);
    }

    /** A column reference; {@code a.b} refers to field b of struct column a. */
    record Col(String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A literal: Long, Integer, Double, Boolean, String or null, with its type. */
    record Lit(Object value, DataType type) implements Expr {
        @Override
        public String toString() {
            return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        }
    }

    enum BinaryOp {
        ADD("+"),
        SUB("-"),
        MUL("*"),
        DIV("/"),
        MOD("%"),
        EQ("="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        AND("AND"),
        OR("OR");

        public final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public boolean isComparison() {
            return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
        }

        public boolean isLogical() {
            return this == AND || this == OR;
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
        @Override
        public String toString() {
            return "(" + left + " " + op.symbol + " " + right + ")";
        }
    }

    enum UnaryOp {
        NOT,
        NEG,
        IS_NULL,
        IS_NOT_NULL
    }

    record Unary(UnaryOp op, Expr child) implements Expr {
        @Override
        public String toString() {
            return op.name().toLowerCase(Locale.ROOT) + "(" + child + ")";
        }
    }

    record Cast(Expr child, DataType to) implements Expr {
        @Override
        public String toString() {
            return "cast(" + child + " as " + to.sqlName() + ")";
        }
    }

    /**
     * A scalar function call by name: lower, upper, length, trim, concat, abs, coalesce,
     * case_when (see {@code Functions.caseWhen}), and split (only as
     * the argument of explode, see {@code Generate}).
     */
    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return function + args.toString().replace('[', '(').replace(']', ')');
        }
    }

    /**
     * {@code window(timeColumn, size, slide)}: assigns each row to the windows [start, start + size) with
     * start = k * slide + offset that contain its time. Durations in microseconds; slide == size is tumbling.
     */
    record Window(Expr time, long sizeMicros, long slideMicros, long offsetMicros) implements Expr {
        public Window {
            if (sizeMicros <= 0 || slideMicros <= 0) {
                throw new IllegalArgumentException("window size and slide must be positive");
            }
            if (slideMicros > sizeMicros) {
                throw new IllegalArgumentException(
                        "window slide (" + slideMicros + "us) must not exceed its size (" + sizeMicros + "us)");
            }
        }

        @Override
        public String toString() {
            return "window(" + time + ", " + Intervals.format(sizeMicros) + ", " + Intervals.format(slideMicros) + ")";
        }
    }

    /** {@code session_window(timeColumn, gap)}: sessions close after {@code gap} without events for a key. */
    record SessionWindow(Expr time, long gapMicros) implements Expr {
        public SessionWindow {
            if (gapMicros <= 0) {
                throw new IllegalArgumentException("session gap must be positive");
            }
        }

        @Override
        public String toString() {
            return "session_window(" + time + ", " + Intervals.format(gapMicros) + ")";
        }
    }

    enum AggFn {
        COUNT,
        SUM,
        AVG,
        MIN,
        MAX,
        APPROX_COUNT_DISTINCT
    }

    /** An aggregate function call; {@code arg} null means count(*). */
    record Agg(AggFn fn, Expr arg) implements Expr {
        @Override
        public String toString() {
            String a = arg == null ? (fn == AggFn.COUNT ? "1" : "") : arg.toString();
            return fn.name().toLowerCase(Locale.ROOT) + "(" + a + ")";
        }
    }

    /** Gives an expression its output column name. */
    record Alias(Expr child, String name) implements Expr {
        @Override
        public String toString() {
            return child + " AS " + name;
        }
    }
}
