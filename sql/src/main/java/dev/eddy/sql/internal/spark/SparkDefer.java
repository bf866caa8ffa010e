package dev.eddy.sql.internal.spark;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * {@code SPARK_DEFER(literal)}: the literal, but opaque to every folding of constants. Calcite reduces constant
 * expressions while planning and its code generator computes the rest once, in the generated class's static
 * initializer, before any row is read; a constant that cannot be computed (a cast of 'x' to INT) in a branch no row
 * takes would fail the whole query. Spark computes such a constant only where it is used ({@link
 * SparkConstantFolding}), so the literals under it are wrapped in this call, which is not deterministic as far as
 * Calcite knows, and the expression is computed in its branch, row by row. Its runtime is the identity ({@link
 * SparkDefer} is not {@code @Deterministic}, so the generated code never moves the call out of the branch).
 */
public final class SparkDefer {
    private static final Map<SqlTypeName, SqlUserDefinedFunction> BY_TYPE = Map.of(
            SqlTypeName.CHAR, defer("deferString", String.class),
            SqlTypeName.VARCHAR, defer("deferString", String.class),
            SqlTypeName.INTEGER, defer("deferInt", Integer.class),
            SqlTypeName.DATE, defer("deferInt", Integer.class),
            SqlTypeName.BIGINT, defer("deferLong", Long.class),
            SqlTypeName.TIMESTAMP, defer("deferLong", Long.class),
            SqlTypeName.DOUBLE, defer("deferDouble", Double.class),
            SqlTypeName.FLOAT, defer("deferDouble", Double.class),
            SqlTypeName.DECIMAL, defer("deferDecimal", BigDecimal.class),
            SqlTypeName.BOOLEAN, defer("deferBoolean", Boolean.class));

    /** The operator's name, which the streaming translation reads as the identity. */
    public static final String NAME = "SPARK_DEFER";

    private SparkDefer() {}

    /** {@code SPARK_DEFER(literal)}, or the literal itself when its type has no opaque form (NULL, intervals). */
    static RexNode wrap(RexBuilder rb, RexLiteral literal) {
        SqlUserDefinedFunction op =
                literal.isNull() ? null : BY_TYPE.get(literal.getType().getSqlTypeName());
        return op == null ? literal : rb.makeCall(literal.getType(), op, List.of(literal));
    }

    /**
     * {@code SPARK_SAME(x)}: {@code x}, written by SparkRewrite for the second of two equal operands ({@code s NOT IN
     * (s, id)}, {@code CAST(s AS INT) = CAST(s AS INT)}), converted to {@code SPARK_DEFER(x)} ({@link #opaque}).
     * Calcite simplifies {@code x = x} to {@code x IS NOT NULL OR NULL} and then drops a cast under IS NOT NULL,
     * so a cast of text that fails never ran; Spark computes both sides and fails. The opaque copy is not equal to
     * {@code x} for Calcite's simplifier, so both sides are computed.
     */
    public static final SqlFunction SAME = SparkUdf.unlisted("SPARK_SAME", ReturnTypes.ARG0, OperandTypes.ANY);

    /** {@code node} made opaque to Calcite's simplifier where its type has an opaque form, else {@code node}. */
    public static RexNode opaque(RexBuilder rb, RexNode node) {
        SqlTypeName t = node.getType().getSqlTypeName();
        SqlUserDefinedFunction op = t == SqlTypeName.DATE || t == SqlTypeName.TIMESTAMP ? null : BY_TYPE.get(t);
        return op == null ? node : rb.makeCall(node.getType(), op, List.of(node));
    }

    /**
     * {@code SPARK_DEFER(node)} typed as nullable (where its type has an opaque form, else {@code node}): a test {@code
     * IS NULL} of it is never simplified away, so Calcite's code computes {@code node} where the test stands.
     */
    public static RexNode opaqueNullable(RexBuilder rb, RexNode node) {
        SqlTypeName t = node.getType().getSqlTypeName();
        SqlUserDefinedFunction op = t == SqlTypeName.DATE || t == SqlTypeName.TIMESTAMP ? null : BY_TYPE.get(t);
        return op == null
                ? node
                : rb.makeCall(rb.getTypeFactory().createTypeWithNullability(node.getType(), true), op, List.of(node));
    }

    /** {@code SPARK_DEFER(node)} of a BIGINT expression (SparkMicros: a constant timestamp's microseconds). */
    static RexNode wrapBigint(RexBuilder rb, RexNode node) {
        return rb.makeCall(node.getType(), BY_TYPE.get(SqlTypeName.BIGINT), List.of(node));
    }

    private static SqlUserDefinedFunction defer(String method, Class<?> type) {
        Method m;
        try {
            m = SparkDefer.class.getMethod(method, type);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("SparkDefer." + method, e);
        }
        return new SqlUserDefinedFunction(
                new SqlIdentifier(NAME, SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION,
                ReturnTypes.ARG0,
                null,
                OperandTypes.operandMetadata(
                        List.of(SqlTypeFamily.ANY),
                        f -> List.of(f.createSqlType(SqlTypeName.ANY)),
                        i -> "x",
                        i -> false),
                ScalarFunctionImpl.create(m)) {
            @Override
            public boolean isDeterministic() {
                return false;
            }
        };
    }

    // the runtime: the identity, in a class Calcite's code generator does not treat as deterministic

    public static String deferString(String x) {
        return x;
    }

    public static Integer deferInt(Integer x) {
        return x;
    }

    public static Long deferLong(Long x) {
        return x;
    }

    public static Double deferDouble(Double x) {
        return x;
    }

    public static BigDecimal deferDecimal(BigDecimal x) {
        return x;
    }

    public static Boolean deferBoolean(Boolean x) {
        return x;
    }
}
