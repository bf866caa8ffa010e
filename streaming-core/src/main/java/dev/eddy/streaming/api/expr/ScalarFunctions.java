package dev.eddy.streaming.api.expr;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.internal.expr.BatchTime;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Scalar functions a front end adds to the engine by name, callable as {@code Expr.Call(name, args)}: the SQL
 * front end registers Spark's built-in functions here, so a streaming query computes them with the same code as a
 * batch query. A function sees one row's argument values (engine values: TIMESTAMP as epoch microseconds, NULL as
 * null) and must not keep state between rows.
 */
public final class ScalarFunctions {
    /** One registered function: its result type and its value for one row's arguments. */
    public interface ScalarFunction {
        DataType type();

        Object apply(Object[] args);

        /**
         * For a function that is NULL whenever an argument is NULL (Spark's null-intolerant binary, ternary, ...
         * expressions): the indexes of its arguments in the order Spark computes them, each only for the rows where
         * the ones before it are not NULL, so an argument that would fail (text that is no number, a division by
         * zero) fails the query only for a row that needs it. Null (the default) for a function that sees every
         * argument of every row.
         */
        default int[] argumentOrder() {
            return null;
        }
    }

    private static final ConcurrentMap<String, ScalarFunction> FUNCTIONS = new ConcurrentHashMap<>();

    private ScalarFunctions() {}

    /**
     * Registers {@code f} under {@code name} (lower case) unless a function of that name exists; returns the one that
     * is registered. Names should carry their front end's prefix (e.g. {@code sql.day}) to stay apart from the
     * engine's own functions.
     */
    public static ScalarFunction register(String name, ScalarFunction f) {
        Objects.requireNonNull(f, "f");
        return FUNCTIONS.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> f);
    }

    /**
     * The time of the micro-batch running on this thread (epoch milliseconds: the engine clock when the batch was
     * planned, the logged one when a batch runs again after a restart; the manual clock in tests), for a function that
     * reads "now" as Spark's do, e.g. the current day a time alone is put on; empty outside a batch. A function never
     * reads the wall clock (the engine's clock rule).
     */
    public static OptionalLong batchTimestampMillis() {
        return BatchTime.currentMillis();
    }

    /** The function registered under {@code name}, or null. */
    public static ScalarFunction get(String name) {
        return FUNCTIONS.get(name);
    }
}
