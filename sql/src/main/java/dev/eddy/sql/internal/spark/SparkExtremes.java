package dev.eddy.sql.internal.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Spark's input rule for {@code greatest}/{@code least}: its arguments must share a type without promoting a string
 * (Spark's {@code findWiderTypeWithoutStringPromotion}): numbers of any kind widen to one number, a DATE and a
 * TIMESTAMP to a TIMESTAMP, a NULL goes with anything; any other mix ({@code least(a, '3')}, {@code greatest(ts,
 * '2024-01-01')}, a BOOLEAN with a number) is refused with [DATATYPE_MISMATCH.DATA_DIFF_TYPES], where CASE and
 * coalesce would cast the string.
 *
 * <p>{@link SparkRewrite} writes greatest/least as nested CASEs before validation; it wraps them as
 * {@code SPARK_EXTREME(cases, arg1, arg2, ...)} so the validator types the original arguments and this operator
 * checks them. The conversion keeps only the CASEs ({@link SparkConvertlets}).
 */
public final class SparkExtremes {
    private SparkExtremes() {}

    /** {@code SPARK_GREATEST(cases, args...)}: typed as {@code cases}, after checking the arguments' types. */
    public static final SqlFunction GREATEST = check("greatest");

    /** {@code SPARK_LEAST(cases, args...)}. */
    public static final SqlFunction LEAST = check("least");

    /** Wraps the CASEs that compute greatest or least of {@code args}. */
    public static SqlNode wrap(boolean greatest, SqlNode cases, List<SqlNode> args, SqlParserPos pos) {
        List<SqlNode> operands = new ArrayList<>();
        operands.add(cases);
        operands.addAll(args);
        return (greatest ? GREATEST : LEAST).createCall(pos, operands);
    }

    /** Whether {@code call} is a wrapper written by {@link #wrap}. */
    public static boolean isCheck(SqlCall call) {
        return call.getOperator() == GREATEST || call.getOperator() == LEAST;
    }

    private static SqlFunction check(String name) {
        return new SqlFunction(
                "SPARK_" + name.toUpperCase(Locale.ROOT),
                SqlKind.OTHER_FUNCTION,
                ReturnTypes.ARG0,
                // the validator infers operand types (and validates the CASEs) before it validates this call
                (binding, returnType, operandTypes) -> {
                    checkArguments(name, binding.getCall(), binding.getValidator(), binding.getScope());
                    Arrays.fill(operandTypes, binding.getValidator().getUnknownType());
                },
                OperandTypes.VARIADIC,
                SqlFunctionCategory.SYSTEM) {
            // before the CASEs are validated, which would fail on a mix (BOOLEAN <= INT) with Calcite's message
            @Override
            public void validateCall(
                    SqlCall call, SqlValidator validator, SqlValidatorScope scope, SqlValidatorScope operandScope) {
                checkArguments(name, call, validator, operandScope);
                super.validateCall(call, validator, scope, operandScope);
            }

            // SqlFunction.deriveType would look the (internal, unlisted) name up in the operator table
            @Override
            public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
                checkArguments(name, call, validator, scope);
                RelDataType type = validator.deriveType(scope, call.operand(0));
                validator.setValidatedNodeType(call, type);
                return type;
            }
        };
    }

    private static void checkArguments(String name, SqlCall call, SqlValidator validator, SqlValidatorScope scope) {
        List<RelDataType> types = new ArrayList<>();
        for (SqlNode operand : call.getOperandList().subList(1, call.operandCount())) {
            // a NULL literal: the CASEs' type inference may have typed it as their common type since
            types.add(
                    SqlUtil.isNullLiteral(operand, false)
                            ? validator.getTypeFactory().createSqlType(SqlTypeName.NULL)
                            : validator.deriveType(scope, operand));
        }
        refuseMixedTypes(name, types, call.getParserPosition());
    }

    /** Spark's type classes that widen into each other without a string promotion. */
    private enum Family {
        NUMBER,
        DATETIME,
        STRING,
        BOOLEAN,
        OTHER
    }

    private static Family family(RelDataType t) {
        if (SqlTypeUtil.isNumeric(t)) {
            return Family.NUMBER;
        }
        if (SqlTypeUtil.isDatetime(t) && t.getSqlTypeName() != SqlTypeName.TIME) {
            return Family.DATETIME;
        }
        if (SqlTypeUtil.isCharacter(t)) {
            return Family.STRING;
        }
        if (SqlTypeUtil.isBoolean(t)) {
            return Family.BOOLEAN;
        }
        return Family.OTHER;
    }

    static void refuseMixedTypes(String name, List<RelDataType> types, SqlParserPos pos) {
        Family seen = null;
        RelDataType first = null;
        boolean mixed = false;
        for (RelDataType t : types) {
            if (t.getSqlTypeName() == SqlTypeName.NULL) {
                continue;
            }
            Family f = family(t);
            if (seen == null) {
                seen = f;
                first = t;
            } else if (f != seen || (f == Family.OTHER && t.getSqlTypeName() != first.getSqlTypeName())) {
                mixed = true;
            }
        }
        if (!mixed) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (RelDataType t : types) {
            names.add('"' + SparkTypeNames.of(t).toUpperCase(Locale.ROOT) + '"');
        }
        String message = "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Input to `" + name
                + "` should all be the same type, but it's " + names
                + " (Spark casts no string here: cast it, e.g. CAST('3' AS INT))";
        throw SparkErrors.at(pos, message);
    }
}
