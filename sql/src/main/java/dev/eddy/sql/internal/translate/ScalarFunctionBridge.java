package dev.eddy.sql.internal.translate;

import dev.eddy.sql.internal.catalog.CalciteTypes;
import dev.eddy.sql.internal.spark.SparkArgumentOrder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ScalarFunctions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Spark's functions that batch queries run as Calcite user-defined functions (a public static Java method), run by
 * the engine in streaming queries through the same method: registered once per method and signature with the
 * engine's {@link ScalarFunctions}, with the values converted between the engine's and Calcite's forms (TIMESTAMP:
 * microseconds in both, see SparkMicros; DATE: days since the epoch in both, a LocalDate in an engine row; DECIMAL: a
 * DOUBLE in the engine).
 */
final class ScalarFunctionBridge {
    private ScalarFunctionBridge() {}

    /** The engine call of {@code call}, or null when its operator is no Java-method function. */
    static Expr translate(RexCall call, List<Expr> args) {
        if (!(call.getOperator() instanceof SqlUserDefinedFunction udf)
                || !(udf.getFunction() instanceof ScalarFunctionImpl impl)) {
            return null;
        }
        Method method = impl.method;
        List<RelDataType> operandTypes = new ArrayList<>();
        for (RexNode o : call.getOperands()) {
            operandTypes.add(o.getType());
        }
        DataType resultType = engineType(call.getType());
        StringBuilder key = new StringBuilder("sql.")
                .append(method.getDeclaringClass().getSimpleName())
                .append('.')
                .append(method.getName());
        for (Class<?> p : method.getParameterTypes()) {
            key.append('/').append(p.getSimpleName());
        }
        for (RelDataType t : operandTypes) {
            key.append(':').append(t.getSqlTypeName());
        }
        key.append("->").append(call.getType().getSqlTypeName());
        String name = key.toString().toLowerCase(Locale.ROOT);
        ScalarFunctions.register(
                name, new Invoker(method, operandTypes, call.getType(), resultType, SparkArgumentOrder.of(call)));
        return new Expr.Call(name, args);
    }

    private static DataType engineType(RelDataType t) {
        return CalciteTypes.schemaOf(
                        new JavaTypeFactoryImpl().builder().add("c", t).build())
                .field(0)
                .type();
    }

    /**
     * Calls the method on one row, converting engine values to Calcite's and the answer back; {@code order} is
     * Spark's order of computing the arguments ({@link SparkArgumentOrder}), which the engine keeps.
     */
    private record Invoker(
            Method method, List<RelDataType> operandTypes, RelDataType result, DataType type, int[] order)
            implements ScalarFunctions.ScalarFunction {
        @Override
        public int[] argumentOrder() {
            return order == null ? null : order.clone();
        }

        @Override
        public Object apply(Object[] args) {
            Class<?>[] params = method.getParameterTypes();
            Object[] in = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                in[i] = toCalcite(args[i], params[i], operandTypes.get(i));
            }
            Object out;
            try {
                out = method.invoke(null, in);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return toEngine(out);
        }

        private Object toEngine(Object v) {
            if (v == null) {
                return null;
            }
            switch (result.getSqlTypeName()) {
                case TIMESTAMP: // microseconds on both sides
                    return ((Number) v).longValue();
                case DATE: // days on both sides
                    return ((Number) v).intValue();
                case DECIMAL:
                case DOUBLE:
                case FLOAT:
                case REAL:
                    return ((Number) v).doubleValue();
                case INTEGER:
                case SMALLINT:
                case TINYINT:
                    return ((Number) v).intValue();
                case BIGINT:
                    return ((Number) v).longValue();
                case INTERVAL_YEAR:
                case INTERVAL_YEAR_MONTH:
                case INTERVAL_MONTH: // months: a long in the engine, an int in Calcite
                    return ((Number) v).longValue();
                case CHAR:
                case VARCHAR:
                    return v.toString();
                default:
                    return v;
            }
        }

        private static Object toCalcite(Object v, Class<?> param, RelDataType type) {
            if (v == null) {
                return null;
            }
            if (v instanceof LocalDate d) { // an engine DATE: Calcite's days since the epoch
                return Math.toIntExact(d.toEpochDay());
            }
            if (param == Long.class) {
                return ((Number) v).longValue();
            }
            if (param == Integer.class) {
                return ((Number) v).intValue();
            }
            if (param == Double.class) {
                return ((Number) v).doubleValue();
            }
            if (param == BigDecimal.class) {
                return v instanceof Double d ? BigDecimal.valueOf(d) : BigDecimal.valueOf(((Number) v).longValue());
            }
            if (param == String.class) {
                return v.toString();
            }
            return v;
        }
    }
}
