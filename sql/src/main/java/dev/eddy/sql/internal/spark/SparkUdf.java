package dev.eddy.sql.internal.spark;

import dev.eddy.streaming.api.data.IntervalFields;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * How Spark's operators are made: a function run by a public static Java method ({@link #udf}), with the argument
 * kinds of {@link Arg}, and the operators that Calcite must not look up again by name ({@link #binary}, {@link
 * #unlisted}).
 */
final class SparkUdf {
    static final SqlReturnTypeInference STRING =
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE);
    static final SqlReturnTypeInference TIMESTAMP =
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 6).andThen(SqlTypeTransforms.TO_NULLABLE);
    static final SqlReturnTypeInference DATE =
            ReturnTypes.explicit(SqlTypeName.DATE).andThen(SqlTypeTransforms.TO_NULLABLE);

    private SparkUdf() {}

    /** An argument kind: its Java type in the runtime classes, SQL type and family. */
    enum Arg {
        STR(String.class, SqlTypeName.VARCHAR, SqlTypeFamily.CHARACTER),
        INT(Integer.class, SqlTypeName.INTEGER, SqlTypeFamily.INTEGER),
        LONG(Long.class, SqlTypeName.BIGINT, SqlTypeFamily.NUMERIC),
        DBL(Double.class, SqlTypeName.DOUBLE, SqlTypeFamily.NUMERIC),
        TS(Long.class, SqlTypeName.TIMESTAMP, SqlTypeFamily.TIMESTAMP),
        /** A DATE as Calcite passes it: days since the epoch. */
        DATE(Integer.class, SqlTypeName.DATE, SqlTypeFamily.DATE),
        DEC(BigDecimal.class, SqlTypeName.DECIMAL, SqlTypeFamily.NUMERIC),
        BOOL(Boolean.class, SqlTypeName.BOOLEAN, SqlTypeFamily.BOOLEAN),
        /** A day-time interval: its microseconds (SparkIntervals). */
        DAY_TIME(Long.class, SqlTypeName.INTERVAL_DAY_SECOND, SqlTypeFamily.INTERVAL_DAY_TIME);

        final Class<?> java;
        final SqlTypeName sql;
        final SqlTypeFamily family;

        Arg(Class<?> java, SqlTypeName sql, SqlTypeFamily family) {
            this.java = java;
            this.sql = sql;
            this.family = family;
        }
    }

    /** A Spark function {@code name} run by the public static {@code owner.method} taking {@code args}. */
    static SqlUserDefinedFunction udf(
            Class<?> owner, String name, String method, SqlReturnTypeInference returns, Arg... args) {
        Class<?>[] params = new Class<?>[args.length];
        List<SqlTypeFamily> families = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            params[i] = args[i].java;
            families.add(args[i].family);
        }
        Method m;
        try {
            m = owner.getMethod(method, params);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(owner.getSimpleName() + "." + method + Arrays.toString(params), e);
        }
        return new SqlUserDefinedFunction(
                new SqlIdentifier(name, SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION,
                returns,
                (binding, returnType, operandTypes) -> {
                    List<RelDataType> declared = sqlTypes(binding.getTypeFactory(), args);
                    for (int i = 0; i < operandTypes.length && i < declared.size(); i++) {
                        operandTypes[i] = declared.get(i);
                    }
                },
                OperandTypes.operandMetadata(families, f -> sqlTypes(f, args), i -> "arg" + i, i -> false),
                ScalarFunctionImpl.create(m));
    }

    private static List<RelDataType> sqlTypes(RelDataTypeFactory f, Arg... args) {
        List<RelDataType> types = new ArrayList<>();
        for (Arg a : args) {
            if (a == Arg.DAY_TIME) {
                types.add(SparkIntervals.type(f, IntervalFields.DAY_TO_SECOND, true));
                continue;
            }
            types.add(f.createTypeWithNullability(
                    a.sql == SqlTypeName.TIMESTAMP ? f.createSqlType(a.sql, 6) : f.createSqlType(a.sql), true));
        }
        return types;
    }

    /**
     * A binary operator of {@code * /}'s precedence that replaces Calcite's of the same symbol: typed by {@code type}
     * without a second look-up (SqlOperator.deriveType would look the symbol up again and put Calcite's back).
     */
    static SqlBinaryOperator binary(
            String symbol, SqlKind kind, SqlReturnTypeInference type, SqlOperandTypeChecker operands) {
        return new SqlBinaryOperator(symbol, kind, 60, true, type, InferTypes.FIRST_KNOWN, operands) {
            @Override
            public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
                return deriveWithoutLookup(this, validator, scope, call);
            }
        };
    }

    /**
     * An internal function that no operator table lists: typed by {@code type} without a look-up by name
     * (SqlFunction.deriveType would look the unlisted name up in the operator table).
     */
    static SqlFunction unlisted(String name, SqlReturnTypeInference type, SqlOperandTypeChecker operands) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, type, null, operands, SqlFunctionCategory.SYSTEM) {
            @Override
            public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
                return deriveWithoutLookup(this, validator, scope, call);
            }
        };
    }

    private static RelDataType deriveWithoutLookup(
            SqlOperator op, SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
        for (SqlNode operand : call.getOperandList()) {
            validator.deriveType(scope, operand);
        }
        return op.validateOperands(validator, scope, call);
    }
}
