package dev.eddy.sql.internal.spark;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.util.Optionality;

/**
 * Spark's operators and functions as Calcite user-defined functions run by {@link SparkFunctions}. Their
 * names are Spark's, so error messages and plans read as the user wrote them; the internal ones (the
 * division operators) carry a SPARK_ prefix.
 */
public final class SparkOperators {
    private static final SqlReturnTypeInference STRING =
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE);
    private static final SqlReturnTypeInference TIMESTAMP =
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 6).andThen(SqlTypeTransforms.TO_NULLABLE);

    // SparkMicros' operators (batch plans only; the call's type is given where it is made)
    static final SqlUserDefinedFunction MICROS_SCALE_UP =
            udf("SPARK_MICROS", "microsScaleUp", ReturnTypes.BIGINT_NULLABLE, Arg.LONG, Arg.LONG);
    static final SqlUserDefinedFunction MICROS_SCALE_DOWN =
            udf("SPARK_MICROS_DIV", "microsScaleDown", ReturnTypes.BIGINT_NULLABLE, Arg.LONG, Arg.LONG);
    static final SqlUserDefinedFunction DATE_TIMESTAMP =
            udf("SPARK_DATE_TIMESTAMP", "dateToTimestamp", TIMESTAMP, Arg.INT);
    static final SqlUserDefinedFunction TIMESTAMP_DATE =
            udf("SPARK_TIMESTAMP_DATE", "timestampToDate", ReturnTypes.INTEGER_NULLABLE, Arg.TS);
    static final SqlUserDefinedFunction TIMESTAMP_PLUS =
            udf("SPARK_TIMESTAMP_PLUS", "timestampPlus", TIMESTAMP, Arg.TS, Arg.LONG);
    static final SqlUserDefinedFunction TIMESTAMP_PLUS_MONTHS =
            udf("SPARK_TIMESTAMP_PLUS_MONTHS", "timestampPlusMonths", TIMESTAMP, Arg.TS, Arg.INT);

    /** {@code a / b} (operands cast to DOUBLE by the rewrite). */
    public static final SqlUserDefinedFunction DIVIDE =
            udf("SPARK_DIVIDE", "divide", ReturnTypes.DOUBLE_NULLABLE, Arg.DBL, Arg.DBL);
    /** {@code a div b} (operands cast to BIGINT by the rewrite). */
    public static final SqlUserDefinedFunction DIV =
            udf("SPARK_DIV", "div", ReturnTypes.BIGINT_NULLABLE, Arg.LONG, Arg.LONG);

    /** NULL for a zero divisor whatever its operands' nullability, so its type is always nullable. */
    public static final SqlUserDefinedFunction TRY_DIVIDE = udf(
            "TRY_DIVIDE", "tryDivide", ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE), Arg.DBL, Arg.DBL);

    public static final SqlUserDefinedFunction SUBSTRING3 =
            udf("SUBSTRING", "substring", STRING, Arg.STR, Arg.INT, Arg.INT);
    public static final SqlUserDefinedFunction SUBSTRING2 = udf("SUBSTRING", "substring", STRING, Arg.STR, Arg.INT);

    /**
     * Integral {@code + - *} and try_add/try_subtract/try_multiply as {@link SparkConvertlets} writes them for INT and
     * BIGINT results: {@code SPARK_ADD(op, a, b)}, {@code SPARK_TRY_ADD(op, a, b)}, ... where {@code op} is the
     * {@link SparkFunctions.Arithmetic}'s ordinal; one INT and one BIGINT runtime serve them all.
     */
    private static final Map<SparkFunctions.Arithmetic, SqlUserDefinedFunction> INT_ARITHMETIC = arithmetic(true);

    private static final Map<SparkFunctions.Arithmetic, SqlUserDefinedFunction> LONG_ARITHMETIC = arithmetic(false);

    /**
     * Spark's try_add/try_subtract/try_multiply: typed as + - *, NULL instead of an overflow error, so always nullable
     * (even over NOT NULL operands).
     */
    public static final SqlFunction TRY_ADD =
            tryArithmetic("TRY_ADD", ReturnTypes.NULLABLE_SUM.andThen(SqlTypeTransforms.FORCE_NULLABLE));

    public static final SqlFunction TRY_SUBTRACT =
            tryArithmetic("TRY_SUBTRACT", ReturnTypes.NULLABLE_SUM.andThen(SqlTypeTransforms.FORCE_NULLABLE));
    public static final SqlFunction TRY_MULTIPLY =
            tryArithmetic("TRY_MULTIPLY", ReturnTypes.PRODUCT_NULLABLE.andThen(SqlTypeTransforms.FORCE_NULLABLE));

    /**
     * {@code a / b} before conversion (SparkRewrite puts it for Calcite's {@code /}): typed as Spark types it, a
     * DECIMAL when both sides are exact and one is a DECIMAL (Spark's precision and scale), otherwise a DOUBLE.
     * {@link SparkConvertlets} turns it into {@link #DIVIDE} or {@link #DECIMAL_DIVIDE}.
     */
    public static final SqlBinaryOperator SPARK_SLASH =
            new SqlBinaryOperator(
                    "/",
                    SqlKind.OTHER,
                    60,
                    true,
                    SparkOperators::divideType,
                    InferTypes.FIRST_KNOWN,
                    OperandTypes.or(
                            OperandTypes.NUMERIC_NUMERIC,
                            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.NUMERIC),
                            OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.CHARACTER),
                            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER))) {
                // SqlOperator.deriveType would look "/" up again and put Calcite's DIVIDE back
                @Override
                public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
                    for (SqlNode operand : call.getOperandList()) {
                        validator.deriveType(scope, operand);
                    }
                    return validateOperands(validator, scope, call);
                }
            };

    /**
     * {@code a % b} (and {@code mod(a, b)}) before conversion (SparkRewrite puts it for Calcite's): typed as Spark types
     * it, a DOUBLE when an operand is a DOUBLE (Calcite's MOD takes exact numbers only and cast a DOUBLE to a DECIMAL),
     * Spark's DECIMAL when both are exact and one is a DECIMAL, otherwise the wider whole number.
     * {@link SparkConvertlets} runs it on Spark's remainder, [REMAINDER_BY_ZERO] for a zero divisor.
     */
    public static final SqlBinaryOperator SPARK_PERCENT =
            new SqlBinaryOperator(
                    "%",
                    SqlKind.MOD,
                    60,
                    true,
                    SparkOperators::remainderType,
                    InferTypes.FIRST_KNOWN,
                    OperandTypes.NUMERIC_NUMERIC) {
                // SqlOperator.deriveType would look "%" up again and put Calcite's MOD back
                @Override
                public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
                    for (SqlNode operand : call.getOperandList()) {
                        validator.deriveType(scope, operand);
                    }
                    return validateOperands(validator, scope, call);
                }
            };

    /** DECIMAL division rounded HALF_UP to the result's scale; the call's type is set by the convertlet. */
    public static final SqlUserDefinedFunction DECIMAL_DIVIDE = udf(
            "SPARK_DECIMAL_DIVIDE", "decimalDivide", ReturnTypes.DECIMAL_QUOTIENT_NULLABLE, Arg.DEC, Arg.DEC, Arg.INT);

    /** Spark's text of a TIMESTAMP (CAST(ts AS STRING)), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction TIMESTAMP_STRING =
            udf("SPARK_TIMESTAMP_STRING", "timestampString", STRING, Arg.TS);

    /** Spark's cast of a DOUBLE or a wider DECIMAL to DECIMAL(p, s) (HALF_UP), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction DOUBLE_TO_DECIMAL =
            udf("SPARK_TO_DECIMAL", "toDecimal", ReturnTypes.DECIMAL_QUOTIENT_NULLABLE, Arg.DBL, Arg.INT, Arg.INT);

    public static final SqlUserDefinedFunction DECIMAL_TO_DECIMAL =
            udf("SPARK_TO_DECIMAL", "toDecimal", ReturnTypes.DECIMAL_QUOTIENT_NULLABLE, Arg.DEC, Arg.INT, Arg.INT);

    /** Spark's cast of a TIMESTAMP to DOUBLE (seconds), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction TIMESTAMP_DOUBLE =
            udf("SPARK_TIMESTAMP_DOUBLE", "timestampSeconds", ReturnTypes.DOUBLE_NULLABLE, Arg.TS);

    /** Spark's text of a DOUBLE (CAST(0.0E0 AS STRING) is 0.0, Calcite's 0E0), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction DOUBLE_STRING =
            udf("SPARK_DOUBLE_STRING", "doubleString", STRING, Arg.DBL);

    /** Spark's cast of text to BOOLEAN (yes/no, t/f, 1/0, true/false), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction STRING_BOOLEAN =
            udf("SPARK_STRING_BOOLEAN", "stringToBoolean", ReturnTypes.BOOLEAN_NULLABLE, Arg.STR);

    /** Spark's cast of text to TIMESTAMP, to the millisecond (cut, not rounded), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction STRING_TIMESTAMP =
            udf("SPARK_STRING_TIMESTAMP", "stringToTimestamp", TIMESTAMP, Arg.STR);

    /** Spark's try_cast of text to BOOLEAN (NULL for other text), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction TRY_STRING_BOOLEAN =
            udf("SPARK_TRY_STRING_BOOLEAN", "tryStringToBoolean", ReturnTypes.BOOLEAN_NULLABLE, Arg.STR);

    /** Spark's cast of text to DATE (its text forms; other text fails), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction STRING_DATE = udf(
            "SPARK_STRING_DATE",
            "stringToDate",
            ReturnTypes.explicit(SqlTypeName.DATE).andThen(SqlTypeTransforms.TO_NULLABLE),
            Arg.STR);

    /** Spark's try_cast of text to DATE (NULL for other text), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction TRY_STRING_DATE = udf(
            "SPARK_TRY_STRING_DATE",
            "tryStringToDate",
            ReturnTypes.explicit(SqlTypeName.DATE).andThen(SqlTypeTransforms.FORCE_NULLABLE),
            Arg.STR);

    /** Spark's {@code typeof(x)}: the name of x's type, a constant {@link SparkConvertlets} writes in. */
    public static final SqlFunction TYPEOF = new SqlFunction(
            "TYPEOF",
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.VARCHAR),
            null,
            OperandTypes.ANY,
            SqlFunctionCategory.SYSTEM);

    /**
     * Spark's {@code try_sum(x)}: SUM with Spark's result type, NULL instead of an overflow error. Batch queries run
     * it as their checked SUM that gives NULL ({@code CheckedSums}).
     */
    public static final SqlAggFunction TRY_SUM = new SqlAggFunction(
            "TRY_SUM",
            null,
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.AGG_SUM.andThen(SqlTypeTransforms.FORCE_NULLABLE),
            null,
            OperandTypes.NUMERIC,
            SqlFunctionCategory.NUMERIC,
            false,
            false,
            Optionality.FORBIDDEN) {};

    /** Whether a DOUBLE is NaN (used by {@link #OR_NAN}'s conversion). */
    public static final SqlUserDefinedFunction IS_NAN =
            udf("SPARK_ISNAN", "isNaN", ReturnTypes.BOOLEAN_NULLABLE, Arg.DBL);

    /**
     * {@code SPARK_OR_NAN(comparison, x)}: the comparison, or also true when {@code x} is NaN, which Spark orders
     * above every number (greatest/least, SparkRewrite). {@link SparkConvertlets} writes it as the comparison alone
     * unless {@code x} is floating, so only DOUBLE operands pay for the test.
     */
    public static final SqlFunction OR_NAN =
            new SqlFunction(
                    "SPARK_OR_NAN",
                    SqlKind.OTHER_FUNCTION,
                    ReturnTypes.BOOLEAN_NULLABLE,
                    null,
                    OperandTypes.family(SqlTypeFamily.BOOLEAN, SqlTypeFamily.ANY),
                    SqlFunctionCategory.SYSTEM) {
                // SqlFunction.deriveType would look the (internal, unlisted) name up in the operator table
                @Override
                public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
                    for (SqlNode operand : call.getOperandList()) {
                        validator.deriveType(scope, operand);
                    }
                    return validateOperands(validator, scope, call);
                }
            };

    /** Spark's text of a DECIMAL (CAST(0.1 AS STRING) is 0.1, Calcite's .1). */
    public static final SqlUserDefinedFunction DECIMAL_STRING =
            udf("SPARK_DECIMAL_STRING", "decimalString", STRING, Arg.DEC);

    private static final List<SqlOperator> FUNCTIONS = List.of(
            DIVIDE,
            DIV,
            TRY_DIVIDE,
            SUBSTRING2,
            SUBSTRING3,
            TRY_ADD,
            TRY_SUBTRACT,
            TRY_MULTIPLY,
            TYPEOF,
            TRY_SUM,
            udf("SUBSTR", "substring", STRING, Arg.STR, Arg.INT, Arg.INT),
            udf("SUBSTR", "substring", STRING, Arg.STR, Arg.INT),
            udf("CONCAT", "concat", STRING, Arg.STR, Arg.STR),
            udf("DATE_TRUNC", "dateTrunc", TIMESTAMP, Arg.STR, Arg.TS),
            udf("DATE_FORMAT", "dateFormat", STRING, Arg.TS, Arg.STR),
            udf("FROM_UNIXTIME", "fromUnixtime", STRING, Arg.LONG, Arg.STR),
            udf("FROM_UNIXTIME", "fromUnixtime", STRING, Arg.LONG),
            udf("UNIX_TIMESTAMP", "unixTimestamp", ReturnTypes.BIGINT_NULLABLE, Arg.TS),
            udf("TO_TIMESTAMP", "toTimestamp", TIMESTAMP, Arg.STR),
            udf("TO_TIMESTAMP", "toTimestamp", TIMESTAMP, Arg.STR, Arg.STR));

    private static final List<SqlOperator> ALL_FUNCTIONS = concat(FUNCTIONS, SparkBuiltins.ALL);

    /** The table of Spark's functions, looked up before Calcite's standard operators. */
    public static final SqlOperatorTable TABLE = new SqlOperatorTable() {
        @Override
        public void lookupOperatorOverloads(
                SqlIdentifier opName,
                SqlFunctionCategory category,
                SqlSyntax syntax,
                List<SqlOperator> operatorList,
                SqlNameMatcher nameMatcher) {
            if (!opName.isSimple() || syntax != SqlSyntax.FUNCTION) {
                return;
            }
            String name = opName.getSimple().toUpperCase(Locale.ROOT);
            for (SqlOperator op : ALL_FUNCTIONS) {
                if (op.getName().equals(name)) {
                    operatorList.add(op);
                }
            }
        }

        @Override
        public List<SqlOperator> getOperatorList() {
            return ALL_FUNCTIONS;
        }
    };

    private SparkOperators() {}

    /**
     * {@code std} without its functions that Spark's of the same name replace ({@code dayofweek}, {@code quarter},
     * {@code dayofyear}, {@code dayofmonth}): with both in the table Calcite picked its own for a DATE argument and then
     * could not run it.
     */
    public static SqlOperatorTable withoutShadowed(SqlOperatorTable std) {
        return new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(
                    SqlIdentifier opName,
                    SqlFunctionCategory category,
                    SqlSyntax syntax,
                    List<SqlOperator> operatorList,
                    SqlNameMatcher nameMatcher) {
                List<SqlOperator> found = new ArrayList<>();
                std.lookupOperatorOverloads(opName, category, syntax, found, nameMatcher);
                for (SqlOperator op : found) {
                    if (syntax != SqlSyntax.FUNCTION || !shadowed(op)) {
                        operatorList.add(op);
                    }
                }
            }

            @Override
            public List<SqlOperator> getOperatorList() {
                List<SqlOperator> out = new ArrayList<>();
                for (SqlOperator op : std.getOperatorList()) {
                    if (!shadowed(op)) {
                        out.add(op);
                    }
                }
                return out;
            }
        };
    }

    private static final Set<String> SHADOWED = Set.of("DAYOFWEEK", "QUARTER", "DAYOFYEAR", "DAYOFMONTH");

    private static boolean shadowed(SqlOperator op) {
        return SHADOWED.contains(op.getName()) && !(op instanceof SqlUserDefinedFunction);
    }

    /** An argument kind: its Java type in SparkFunctions, SQL type and family. */
    enum Arg {
        STR(String.class, SqlTypeName.VARCHAR, SqlTypeFamily.CHARACTER),
        INT(Integer.class, SqlTypeName.INTEGER, SqlTypeFamily.INTEGER),
        LONG(Long.class, SqlTypeName.BIGINT, SqlTypeFamily.NUMERIC),
        DBL(Double.class, SqlTypeName.DOUBLE, SqlTypeFamily.NUMERIC),
        TS(Long.class, SqlTypeName.TIMESTAMP, SqlTypeFamily.TIMESTAMP),
        /** A DATE as Calcite passes it: days since the epoch. */
        DATE(Integer.class, SqlTypeName.DATE, SqlTypeFamily.DATE),
        DEC(BigDecimal.class, SqlTypeName.DECIMAL, SqlTypeFamily.NUMERIC),
        BOOL(Boolean.class, SqlTypeName.BOOLEAN, SqlTypeFamily.BOOLEAN);

        final Class<?> java;
        final SqlTypeName sql;
        final SqlTypeFamily family;

        Arg(Class<?> java, SqlTypeName sql, SqlTypeFamily family) {
            this.java = java;
            this.sql = sql;
            this.family = family;
        }
    }

    /** The runtime of {@code op} for INT ({@code isInt}) or BIGINT operands. */
    public static SqlUserDefinedFunction arithmetic(SparkFunctions.Arithmetic op, boolean isInt) {
        return (isInt ? INT_ARITHMETIC : LONG_ARITHMETIC).get(op);
    }

    private static Map<SparkFunctions.Arithmetic, SqlUserDefinedFunction> arithmetic(boolean isInt) {
        Map<SparkFunctions.Arithmetic, SqlUserDefinedFunction> out = new EnumMap<>(SparkFunctions.Arithmetic.class);
        for (SparkFunctions.Arithmetic op : SparkFunctions.Arithmetic.values()) {
            out.put(
                    op,
                    isInt
                            ? udf(
                                    "SPARK_" + op.name(),
                                    "intArithmetic",
                                    ReturnTypes.INTEGER_NULLABLE,
                                    Arg.INT,
                                    Arg.INT,
                                    Arg.INT)
                            : udf(
                                    "SPARK_" + op.name(),
                                    "longArithmetic",
                                    ReturnTypes.BIGINT_NULLABLE,
                                    Arg.INT,
                                    Arg.LONG,
                                    Arg.LONG));
        }
        return out;
    }

    private static SqlFunction tryArithmetic(String name, SqlReturnTypeInference type) {
        return new SqlFunction(
                name,
                SqlKind.OTHER_FUNCTION,
                type.andThen(SqlTypeTransforms.FORCE_NULLABLE),
                InferTypes.FIRST_KNOWN,
                OperandTypes.NUMERIC_NUMERIC,
                SqlFunctionCategory.NUMERIC);
    }

    /** Spark's type of {@code a / b}: see {@link #SPARK_SLASH}. */
    private static RelDataType divideType(SqlOperatorBinding b) {
        RelDataTypeFactory f = b.getTypeFactory();
        RelDataType x = b.getOperandType(0);
        RelDataType y = b.getOperandType(1);
        boolean nullable = x.isNullable() || y.isNullable();
        int[] px = exact(b, 0);
        int[] py = exact(b, 1);
        boolean decimal = x.getSqlTypeName() == SqlTypeName.DECIMAL || y.getSqlTypeName() == SqlTypeName.DECIMAL;
        if (!decimal || px == null || py == null) {
            return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), nullable);
        }
        // Spark's DecimalPrecision for Divide, then DecimalType.adjustPrecisionScale (precision loss allowed)
        int scale = Math.max(6, px[1] + py[0] + 1);
        int precision = px[0] - px[1] + py[1] + scale;
        if (precision > 38) {
            int intDigits = precision - scale;
            scale = Math.max(38 - intDigits, Math.min(scale, 6));
            precision = 38;
        }
        return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, precision, scale), true);
    }

    /** Spark's type of {@code a % b}: see {@link #SPARK_PERCENT}. */
    private static RelDataType remainderType(SqlOperatorBinding b) {
        RelDataTypeFactory f = b.getTypeFactory();
        RelDataType x = b.getOperandType(0);
        RelDataType y = b.getOperandType(1);
        boolean nullable = x.isNullable() || y.isNullable();
        int[] px = exact(b, 0);
        int[] py = exact(b, 1);
        boolean decimal = x.getSqlTypeName() == SqlTypeName.DECIMAL || y.getSqlTypeName() == SqlTypeName.DECIMAL;
        if (decimal && px != null && py != null) {
            // Spark's DecimalPrecision for Remainder (never wider than 38 digits)
            int scale = Math.max(px[1], py[1]);
            int precision = Math.min(px[0] - px[1], py[0] - py[1]) + scale;
            return f.createTypeWithNullability(
                    f.createSqlType(SqlTypeName.DECIMAL, Math.max(1, precision), scale), nullable);
        }
        RelDataType wider = f.leastRestrictive(List.of(x, y));
        if (wider == null || !SqlTypeUtil.isNumeric(wider)) {
            wider = f.createSqlType(SqlTypeName.DOUBLE);
        }
        return f.createTypeWithNullability(wider, nullable);
    }

    /** Precision and scale of an exact operand as Spark sees it (an integer literal by its digits), else null. */
    private static int[] exact(SqlOperatorBinding b, int i) {
        RelDataType t = b.getOperandType(i);
        switch (t.getSqlTypeName()) {
            case DECIMAL:
                return new int[] {t.getPrecision(), t.getScale()};
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                if (b.isOperandLiteral(i, false)) {
                    BigDecimal v = b.getOperandLiteralValue(i, BigDecimal.class);
                    if (v != null) {
                        return new int[] {Math.max(1, v.precision()), 0};
                    }
                }
                int p = t.getSqlTypeName() == SqlTypeName.TINYINT
                        ? 3
                        : t.getSqlTypeName() == SqlTypeName.SMALLINT
                                ? 5
                                : t.getSqlTypeName() == SqlTypeName.INTEGER ? 10 : 20;
                return new int[] {p, 0};
            default:
                return null;
        }
    }

    private static List<SqlOperator> concat(List<SqlOperator> a, List<SqlOperator> b) {
        List<SqlOperator> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    private static SqlUserDefinedFunction udf(String name, String method, SqlReturnTypeInference returns, Arg... args) {
        return udf(SparkFunctions.class, name, method, returns, args);
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
            types.add(f.createTypeWithNullability(
                    a.sql == SqlTypeName.TIMESTAMP ? f.createSqlType(a.sql, 6) : f.createSqlType(a.sql), true));
        }
        return types;
    }
}
