package dev.eddy.sql.internal.spark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeMappingRule;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit type coercion with Spark 4's ANSI rule for the common type of a string and a value of another
 * type (its {@code findWiderTypeForString}): the string is cast to the other side's type, never the other way
 * round; with an integral type the common type is BIGINT, with a fractional one (DOUBLE, DECIMAL) DOUBLE, with a
 * BOOLEAN, DATE or TIMESTAMP that type. Calcite's default makes them all strings. It is the one rule behind
 * {@code CASE}, {@code coalesce}, {@code IF}, {@code greatest}/{@code least}, {@code IN} lists and {@code UNION}
 * columns mixing a string and a number: {@code CASE WHEN c THEN 1 ELSE '2' END} is the BIGINT 2 as in Spark, and a
 * string that does not cast fails the query ([CAST_INVALID_INPUT]).
 */
public final class SparkTypeCoercion extends TypeCoercionImpl {
    public SparkTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
        super(typeFactory, validator);
    }

    @Override
    public RelDataType getWiderTypeForTwo(RelDataType type1, RelDataType type2, boolean stringPromotion) {
        RelDataType spark = stringAndOther(type1, type2);
        if (spark == null) {
            spark = stringAndOther(type2, type1);
        }
        if (spark == null && noCommonType(type1, type2)) {
            // Spark refuses the mix ([DATATYPE_MISMATCH.DATA_DIFF_TYPES]); Calcite would cast the number to a time
            return null;
        }
        if (spark == null) {
            spark = nullOrTimes(type1, type2);
        }
        return spark != null ? spark : super.getWiderTypeForTwo(type1, type2, stringPromotion);
    }

    /**
     * Spark's common type of a NULL and any type (that type, nullable) and of two dates or timestamps (a TIMESTAMP, of
     * the finer precision, when either is one); null when neither case. Calcite found none for a TIMESTAMP and a NULL
     * once a string had been promoted ({@code ts IN (TIMESTAMP '...', '2024-01-16', NULL)} was refused, "Values in
     * expression list must have compatible types").
     */
    private RelDataType nullOrTimes(RelDataType a, RelDataType b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.getSqlTypeName() == SqlTypeName.NULL || b.getSqlTypeName() == SqlTypeName.NULL) {
            return factory.createTypeWithNullability(a.getSqlTypeName() == SqlTypeName.NULL ? b : a, true);
        }
        boolean times = (a.getSqlTypeName() == SqlTypeName.DATE || a.getSqlTypeName() == SqlTypeName.TIMESTAMP)
                && (b.getSqlTypeName() == SqlTypeName.DATE || b.getSqlTypeName() == SqlTypeName.TIMESTAMP);
        if (!times || a.getSqlTypeName() == SqlTypeName.DATE && b.getSqlTypeName() == SqlTypeName.DATE) {
            return null;
        }
        int precision = Math.max(
                a.getSqlTypeName() == SqlTypeName.TIMESTAMP ? a.getPrecision() : 0,
                b.getSqlTypeName() == SqlTypeName.TIMESTAMP ? b.getPrecision() : 0);
        return factory.createTypeWithNullability(
                factory.createSqlType(SqlTypeName.TIMESTAMP, precision), a.isNullable() || b.isNullable());
    }

    /**
     * A comparison ({@code =}, {@code <>}, {@code <}, ..., also the one inside {@code nullif}) of two types Spark has
     * no common type for: a BOOLEAN with a number or a time, a number with a DATE or TIMESTAMP. Spark refuses it with
     * [DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES]; Calcite compared {@code flag = 1} as numbers.
     */
    @Override
    public boolean binaryComparisonCoercion(SqlCallBinding binding) {
        if (binding.getOperandCount() == 2) {
            RelDataType left = binding.getOperandType(0);
            RelDataType right = binding.getOperandType(1);
            if (noCommonType(left, right)) {
                String shown = binding.getCall().toString().replace("`", "");
                throw refusal(
                        binding,
                        "[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve \"(" + shown
                                + ")\" due to data type mismatch: the left and right operands of the binary operator"
                                + " have incompatible types (\"" + sparkName(left) + "\" and \"" + sparkName(right)
                                + "\")");
            }
            RelDataType decimal = widerDecimal(binding, left, right);
            if (decimal != null) {
                boolean coerced = false;
                for (int i = 0; i < 2; i++) {
                    RelDataType t = binding.getOperandType(i);
                    if (!SqlTypeUtil.equalSansNullability(factory, t, decimal)) {
                        coerced |= coerceOperandType(
                                binding.getScope(),
                                binding.getCall(),
                                i,
                                factory.createTypeWithNullability(decimal, t.isNullable()));
                    }
                }
                return coerced;
            }
        }
        return super.binaryComparisonCoercion(binding);
    }

    /**
     * Spark's common type of a whole number and a DECIMAL in a comparison (DecimalPrecision's wider decimal): an INT
     * counts as DECIMAL(10, 0), a BIGINT as DECIMAL(20, 0), an integer literal by its digits; the common type keeps
     * the larger scale and the larger count of integral digits, so {@code a = 3.5} of an INT compares in DECIMAL(11,
     * 1). Calcite cast the INT to DECIMAL(10, 1), which cannot hold 2147483647: {@code a = 3.5}, {@code a BETWEEN 3.5
     * AND 10} and an OR chain of such equalities (one SEARCH) failed with [NUMERIC_VALUE_OUT_OF_RANGE] for the largest
     * INTs, where Spark answers. Null when the operands are not a whole number and a DECIMAL.
     */
    private RelDataType widerDecimal(SqlCallBinding binding, RelDataType left, RelDataType right) {
        boolean wholeAndDecimal = SqlTypeUtil.isIntType(left) && SqlTypeUtil.isDecimal(right)
                || SqlTypeUtil.isDecimal(left) && SqlTypeUtil.isIntType(right);
        if (!wholeAndDecimal) {
            return null;
        }
        int[] x = decimalDigits(binding, 0, left);
        int[] y = decimalDigits(binding, 1, right);
        int scale = Math.max(x[1], y[1]);
        int precision = Math.min(38, Math.max(x[0] - x[1], y[0] - y[1]) + scale);
        return factory.createSqlType(SqlTypeName.DECIMAL, precision, Math.min(scale, precision));
    }

    /** {precision, scale} of a DECIMAL operand, of an integer literal by its digits, or of a whole number's type. */
    private int[] decimalDigits(SqlCallBinding binding, int i, RelDataType t) {
        if (SqlTypeUtil.isDecimal(t)) {
            return new int[] {t.getPrecision(), t.getScale()};
        }
        if (binding.isOperandLiteral(i, false)) {
            BigDecimal v = binding.getOperandLiteralValue(i, BigDecimal.class);
            if (v != null) {
                return new int[] {Math.max(1, v.precision()), 0};
            }
        }
        return new int[] {factory.getTypeSystem().getDefaultPrecision(t.getSqlTypeName()), 0};
    }

    /** CASE (and coalesce, nvl, nullif, if, which Calcite writes as CASE): Spark's common type of its values. */
    @Override
    public boolean caseWhenCoercion(SqlCallBinding binding) {
        SqlCase c = (SqlCase) binding.getCall();
        List<SqlNode> values = new ArrayList<>(c.getThenOperands().getList());
        if (c.getElseOperand() != null) {
            values.add(c.getElseOperand());
        }
        refuseWithoutCommonType(binding, values, "casewhen");
        return super.caseWhenCoercion(binding);
    }

    /** {@code x IN (a, b)}: Spark's common type of x and the list's values. */
    @Override
    public boolean inOperationCoercion(SqlCallBinding binding) {
        List<SqlNode> values = new ArrayList<>();
        values.add(binding.operand(0));
        if (binding.operand(1) instanceof SqlNodeList list) {
            list.forEach(values::add);
        } else {
            return super.inOperationCoercion(binding);
        }
        refuseWithoutCommonType(binding, values, "in");
        boolean coerced = super.inOperationCoercion(binding);
        RelDataType listType = validator.getValidatedNodeTypeIfKnown(list);
        if (coerced && listType != null && !listType.isNullable()) {
            // Calcite types a coerced list by the common type of a NOT NULL left side ('3' IN (a, NULL)) and drops
            // the list's NULLs: the IN became NOT NULL and answered false where Spark answers NULL
            for (SqlNode v : list) {
                if (SqlUtil.isNullLiteral(v, true)
                        || validator.deriveType(binding.getScope(), v).isNullable()) {
                    updateInferredType(list, factory.createTypeWithNullability(listType, true));
                    break;
                }
            }
        }
        return coerced;
    }

    private void refuseWithoutCommonType(SqlCallBinding binding, List<SqlNode> values, String name) {
        List<RelDataType> types = new ArrayList<>();
        for (SqlNode v : values) {
            types.add(
                    v == null || SqlUtil.isNullLiteral(v, false) ? null : validator.deriveType(binding.getScope(), v));
        }
        if (someHaveNoCommonType(types)) {
            List<String> names = new ArrayList<>();
            for (RelDataType t : types) {
                names.add('"' + (t == null ? "VOID" : SparkTypeNames.of(t).toUpperCase(Locale.ROOT)) + '"');
            }
            throw refusal(
                    binding,
                    "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Input to `" + name + "` should all be the same type, but it's "
                            + names);
        }
    }

    private static CalciteContextException refusal(SqlCallBinding binding, String message) {
        return SparkErrors.at(binding.getCall().getParserPosition(), message);
    }

    private static String sparkName(RelDataType t) {
        return SparkTypeNames.of(t).toUpperCase(Locale.ROOT);
    }

    /**
     * Spark's ANSI implicit cast to a string where a function takes text ({@code length(123)} is 3,
     * {@code upper(flag)} 'TRUE'): a number, boolean, date or timestamp becomes a string, as Spark's
     * {@code Cast.canANSIStoreAssign} allows; Calcite refuses it.
     */
    @Override
    public RelDataType implicitCast(RelDataType in, SqlTypeFamily expected) {
        if (expected == SqlTypeFamily.CHARACTER
                && in != null
                && (SqlTypeUtil.isNumeric(in) || SqlTypeUtil.isBoolean(in) || SqlTypeUtil.isDatetime(in))) {
            return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), in.isNullable());
        }
        return super.implicitCast(in, expected);
    }

    /**
     * Spark's {@code SUM(ts)} and {@code AVG(ts)} (and try_ forms): the timestamp counts as its seconds since the
     * epoch, a DOUBLE (SparkConvertlets' cast). Only for these aggregates: {@code ts + 1} stays a type error.
     */
    @Override
    public boolean builtinFunctionCoercion(
            SqlCallBinding binding, List<RelDataType> operandTypes, List<SqlTypeFamily> expectedFamilies) {
        if (binding.getOperator() == SparkArithmeticOperators.SPARK_PERCENT && operandTypes.size() == 2) {
            return remainderOfText(binding, operandTypes);
        }
        refuseUnexpectedInput(binding, operandTypes);
        boolean sumOrAvg = binding.getOperator().getKind() == SqlKind.SUM
                || binding.getOperator().getKind() == SqlKind.AVG
                || binding.getOperator() == SparkArithmeticOperators.TRY_SUM;
        if (sumOrAvg && operandTypes.size() == 1 && SqlTypeUtil.isTimestamp(operandTypes.get(0))) {
            RelDataType seconds = factory.createTypeWithNullability(
                    factory.createSqlType(SqlTypeName.DOUBLE),
                    operandTypes.get(0).isNullable());
            return coerceOperandType(binding.getScope(), binding.getCall(), 0, seconds);
        }
        return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
    }

    /** Eddy's Spark functions run by a Java method: {@code unix_date} takes a DATE only (below). */
    @Override
    public boolean userDefinedFunctionCoercion(SqlValidatorScope scope, SqlCall call, SqlFunction function) {
        if (call.operandCount() == 1 && function.getName().equalsIgnoreCase("UNIX_DATE")) {
            SqlCallBinding binding = new SqlCallBinding(validator, scope, call);
            refuseUnexpectedInput(binding, List.of(binding.getOperandType(0)));
        }
        return super.userDefinedFunctionCoercion(scope, call, function);
    }

    /**
     * The epoch functions Spark declares with exact input types (ExpectsInputTypes: no implicit cast), refused as Spark
     * refuses them ([DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE]) where Calcite would cast: {@code unix_seconds},
     * {@code unix_millis} and {@code unix_micros} take a TIMESTAMP only (not a DATE, not text), {@code unix_date} a
     * DATE only, {@code timestamp_seconds} a number and {@code timestamp_millis}/{@code timestamp_micros} a whole
     * number (not text). A NULL literal passes, as in Spark.
     */
    private static void refuseUnexpectedInput(SqlCallBinding binding, List<RelDataType> operandTypes) {
        if (operandTypes.size() != 1) {
            return;
        }
        RelDataType t = operandTypes.get(0);
        String name = binding.getOperator().getName().toUpperCase(Locale.ROOT);
        String expected = switch (name) {
            case "UNIX_SECONDS", "UNIX_MILLIS", "UNIX_MICROS" -> SqlTypeUtil.isTimestamp(t) ? null : "TIMESTAMP";
            case "UNIX_DATE" -> SqlTypeUtil.isDate(t) ? null : "DATE";
            case "TIMESTAMP_SECONDS" -> SqlTypeUtil.isNumeric(t) ? null : "NUMERIC";
            case "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS" -> SqlTypeUtil.isIntType(t) ? null : "INTEGRAL";
            default -> null;
        };
        if (expected == null || t.getSqlTypeName() == SqlTypeName.NULL) {
            return;
        }
        SqlNode operand = binding.getCall().operand(0);
        throw refusal(
                binding,
                "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \""
                        + binding.getCall().toString().replace("`", "")
                        + "\" due to data type mismatch: The first parameter requires the \"" + expected
                        + "\" type, however \"" + operand.toString().replace("`", "") + "\" has the type \""
                        + sparkName(t) + "\"");
    }

    /**
     * Text in {@code a % b}: cast to BIGINT next to a whole number and to DOUBLE next to a DECIMAL or DOUBLE, as Spark's
     * ANSI rule for a string with another type; text with text or NULL is refused as Spark refuses it.
     */
    private boolean remainderOfText(SqlCallBinding binding, List<RelDataType> types) {
        boolean coerced = false;
        for (int i = 0; i < 2; i++) {
            RelDataType t = types.get(i);
            RelDataType other = types.get(1 - i);
            if (!SqlTypeUtil.isCharacter(t)) {
                continue;
            }
            if (SqlTypeUtil.isCharacter(other) || other.getSqlTypeName() == SqlTypeName.NULL) {
                throw refusal(
                        binding,
                        "[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] Cannot resolve \""
                                + binding.getCall().toString().replace("`", "")
                                + "\" due to data type mismatch: the binary operator requires the input type"
                                + " \"NUMERIC\", not \"STRING\"");
            }
            if (!SqlTypeUtil.isNumeric(other)) {
                return false;
            }
            SqlTypeName to = SqlTypeUtil.isIntType(other) ? SqlTypeName.BIGINT : SqlTypeName.DOUBLE;
            coerced |= coerceOperandType(
                    binding.getScope(),
                    binding.getCall(),
                    i,
                    factory.createTypeWithNullability(factory.createSqlType(to), t.isNullable()));
        }
        return coerced;
    }

    /**
     * A column widened to a set operation's common type is cast even between numbers ({@code SELECT int_col UNION ALL
     * SELECT '7'} is BIGINT on both sides); Calcite leaves an INT branch as it is and its rows as Integers.
     */
    @Override
    protected boolean needToCast(
            SqlValidatorScope scope, SqlNode node, RelDataType toType, SqlTypeMappingRule mappingRule) {
        RelDataType from = validator.deriveType(scope, node);
        if (SqlTypeUtil.isNumeric(from)
                && SqlTypeUtil.isNumeric(toType)
                && from.getSqlTypeName() != toType.getSqlTypeName()) {
            return true;
        }
        return super.needToCast(scope, node, toType, mappingRule);
    }

    /**
     * Whether Spark's ANSI rule (its findWiderTypeForTwo) has no common type for two types that are not strings:
     * only numbers with numbers and DATE/TIMESTAMP with DATE/TIMESTAMP widen (a NULL goes with anything), so a number
     * with a time or a BOOLEAN with a number or a time has none.
     */
    public static boolean noCommonType(RelDataType a, RelDataType b) {
        int ka = comparedKind(a);
        int kb = comparedKind(b);
        return ka != 0 && kb != 0 && ka != kb;
    }

    /**
     * Whether some two of the types have no common type ({@link #noCommonType}): exactly when two of them have
     * different non-zero kinds, so one pass over the list finds it rather than a check of every pair (which took
     * minutes to validate a 20,000-value IN list).
     */
    public static boolean someHaveNoCommonType(List<RelDataType> types) {
        int seen = 0;
        for (RelDataType t : types) {
            int k = comparedKind(t);
            if (k != 0 && seen != 0 && k != seen) {
                return true;
            }
            if (k != 0) {
                seen = k;
            }
        }
        return false;
    }

    /** The kind noCommonType compares, 0 for a type that has a common type with any other (NULL, strings). */
    private static int comparedKind(RelDataType t) {
        if (t == null || t.getSqlTypeName() == SqlTypeName.NULL || SqlTypeUtil.isCharacter(t)) {
            return 0;
        }
        return kind(t);
    }

    /** 1 for a number, 2 for a DATE or TIMESTAMP, 3 for a BOOLEAN, 0 for other types (left to Calcite). */
    private static int kind(RelDataType t) {
        if (SqlTypeUtil.isNumeric(t)) {
            return 1;
        }
        if (t.getSqlTypeName() == SqlTypeName.DATE || t.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
            return 2;
        }
        return SqlTypeUtil.isBoolean(t) ? 3 : 0;
    }

    /** Spark's common type of a string {@code s} and a non-string {@code other}, or null when not that case. */
    private RelDataType stringAndOther(RelDataType s, RelDataType other) {
        if (s == null || other == null || !SqlTypeUtil.isCharacter(s) || SqlTypeUtil.isCharacter(other)) {
            return null;
        }
        boolean nullable = s.isNullable() || other.isNullable();
        RelDataType common;
        if (SqlTypeUtil.isIntType(other)) {
            common = factory.createSqlType(SqlTypeName.BIGINT);
        } else if (SqlTypeUtil.isNumeric(other)) {
            common = factory.createSqlType(SqlTypeName.DOUBLE);
        } else if (SqlTypeUtil.isBoolean(other) || SqlTypeUtil.isDatetime(other)) {
            common = other;
        } else {
            return null;
        }
        return factory.createTypeWithNullability(common, nullable);
    }

    /** {@code +}/{@code -} with a DATE as Spark has them ({@link SparkDateArithmetic}), then Calcite's rules. */
    @Override
    public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
        SparkDateArithmetic.coerce(binding, validator);
        boolean coerced = integerLiteralAsDecimal(binding);
        return super.binaryArithmeticCoercion(binding) || coerced;
    }

    /**
     * An integer literal next to a DECIMAL in {@code +}, {@code -} or {@code *} is a DECIMAL of its digits, as Spark
     * types a literal ({@code 1} is DECIMAL(1, 0), so {@code CAST(a AS DECIMAL(10, 2)) + 1} is DECIMAL(11, 2));
     * Calcite took it as an INT's DECIMAL(10, 0).
     */
    private boolean integerLiteralAsDecimal(SqlCallBinding binding) {
        SqlKind kind = binding.getOperator().getKind();
        if (kind != SqlKind.PLUS && kind != SqlKind.MINUS && kind != SqlKind.TIMES || binding.getOperandCount() != 2) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            RelDataType t = binding.getOperandType(i);
            if (binding.getOperandType(1 - i).getSqlTypeName() != SqlTypeName.DECIMAL
                    || !SqlTypeUtil.isIntType(t)
                    || !binding.isOperandLiteral(i, false)) {
                continue;
            }
            BigDecimal v = binding.getOperandLiteralValue(i, BigDecimal.class);
            if (v != null) {
                RelDataType digits = factory.createTypeWithNullability(
                        factory.createSqlType(SqlTypeName.DECIMAL, Math.max(1, v.precision()), 0), t.isNullable());
                return coerceOperandType(binding.getScope(), binding.getCall(), i, digits);
            }
        }
        return false;
    }
}
