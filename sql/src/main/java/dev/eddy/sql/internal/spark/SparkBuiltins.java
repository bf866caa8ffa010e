package dev.eddy.sql.internal.spark;

import static dev.eddy.sql.internal.spark.SparkUdf.DATE;
import static dev.eddy.sql.internal.spark.SparkUdf.STRING;
import static dev.eddy.sql.internal.spark.SparkUdf.TIMESTAMP;
import static dev.eddy.sql.internal.spark.SparkUdf.udf;

import dev.eddy.sql.internal.spark.SparkUdf.Arg;
import dev.eddy.streaming.api.data.IntervalFields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Spark's built-in date/time, text and math functions that Calcite's standard table lacks or answers differently,
 * by Spark's names (run by {@link SparkDateFunctions}, {@link SparkStringFunctions} and {@link
 * SparkMathFunctions}). Being plain functions of their arguments, batch queries run them in Calcite's generated code
 * and streaming queries in the engine (RexTranslator registers them there).
 * Aliases that only rename a standard form (nvl, ifnull, nvl2) are rewritten by {@link SparkRewrite}.
 */
final class SparkBuiltins {
    private static final Class<?> DATES = SparkDateFunctions.class;
    private static final Class<?> TEXT = SparkStringFunctions.class;
    private static final Class<?> MATH = SparkMathFunctions.class;
    private static final Class<?> TIMES = SparkTimestampFunctions.class;
    private static final Class<?> IVALS = SparkIntervals.class;
    private static final SqlReturnTypeInference DAY_TO_SECOND = SparkIntervals.type(IntervalFields.DAY_TO_SECOND);
    private static final SqlReturnTypeInference YEAR_TO_MONTH = SparkIntervals.type(IntervalFields.YEAR_TO_MONTH);
    private static final SqlReturnTypeInference INT = ReturnTypes.INTEGER_NULLABLE;
    private static final SqlReturnTypeInference DOUBLE = ReturnTypes.DOUBLE_NULLABLE;
    private static final SqlReturnTypeInference BIGINT = ReturnTypes.BIGINT_NULLABLE;
    /** Spark's logarithms are NULL for x <= 0, whatever the operands' nullability. */
    private static final SqlReturnTypeInference DOUBLE_OR_NULL =
            ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE);
    /** Spark's trunc(date, unit) is NULL for a unit it does not know, whatever the operands' nullability. */
    private static final SqlReturnTypeInference DATE_OR_NULL =
            ReturnTypes.explicit(SqlTypeName.DATE).andThen(SqlTypeTransforms.FORCE_NULLABLE);

    /** Spark's seconds of a time with their fraction (extract, date_part): DECIMAL(8, 6). */
    private static final SqlReturnTypeInference SECONDS = ReturnTypes.explicit(
                    f -> f.createSqlType(SqlTypeName.DECIMAL, 8, 6))
            .andThen(SqlTypeTransforms.TO_NULLABLE);

    static final List<SqlOperator> FUNCTIONS = List.of(
            // date and time parts (Spark's day is dayofmonth)
            udf(DATES, "DAY", "dayOfMonth", INT, Arg.TS),
            udf(DATES, "DAYOFMONTH", "dayOfMonth", INT, Arg.TS),
            udf(DATES, "DAYOFWEEK", "dayOfWeek", INT, Arg.TS),
            udf(DATES, "WEEKDAY", "weekday", INT, Arg.TS),
            udf(DATES, "DAYOFYEAR", "dayOfYear", INT, Arg.TS),
            udf(DATES, "WEEKOFYEAR", "weekOfYear", INT, Arg.TS),
            udf(DATES, "QUARTER", "quarter", INT, Arg.TS),
            // date arithmetic (DATE results)
            udf(DATES, "LAST_DAY", "lastDay", DATE, Arg.TS),
            udf(DATES, "NEXT_DAY", "nextDay", DATE, Arg.TS, Arg.STR),
            udf(DATES, "DATE_ADD", "dateAdd", DATE, Arg.TS, Arg.INT),
            udf(DATES, "DATE_SUB", "dateSub", DATE, Arg.TS, Arg.INT),
            udf(DATES, "ADD_MONTHS", "addMonths", DATE, Arg.TS, Arg.INT),
            udf(DATES, "TO_DATE", "toDate", DATE, Arg.STR),
            udf(DATES, "TO_DATE", "toDate", DATE, Arg.STR, Arg.STR),
            udf(DATES, "DATEDIFF", "dateDiff", INT, Arg.TS, Arg.TS),
            udf(DATES, "TRUNC", "trunc", DATE_OR_NULL, Arg.TS, Arg.STR),
            udf(DATES, "SPARK_SECOND", "secondWithFraction", SECONDS, Arg.TS),
            SparkIntervals.SECONDS,
            // Spark's make_dt_interval(days, hours, mins, secs) and make_ym_interval(years, months), each argument
            // optional (0)
            udf(IVALS, "MAKE_DT_INTERVAL", "makeDtInterval", DAY_TO_SECOND),
            udf(IVALS, "MAKE_DT_INTERVAL", "makeDtInterval", DAY_TO_SECOND, Arg.LONG),
            udf(IVALS, "MAKE_DT_INTERVAL", "makeDtInterval", DAY_TO_SECOND, Arg.LONG, Arg.LONG),
            udf(IVALS, "MAKE_DT_INTERVAL", "makeDtInterval", DAY_TO_SECOND, Arg.LONG, Arg.LONG, Arg.LONG),
            udf(IVALS, "MAKE_DT_INTERVAL", "makeDtInterval", DAY_TO_SECOND, Arg.LONG, Arg.LONG, Arg.LONG, Arg.DBL),
            udf(IVALS, "MAKE_YM_INTERVAL", "makeYmInterval", YEAR_TO_MONTH),
            udf(IVALS, "MAKE_YM_INTERVAL", "makeYmInterval", YEAR_TO_MONTH, Arg.LONG),
            udf(IVALS, "MAKE_YM_INTERVAL", "makeYmInterval", YEAR_TO_MONTH, Arg.LONG, Arg.LONG),
            udf(DATES, "SPARK_TIMESTAMPDIFF", "timestampDiff", BIGINT, Arg.STR, Arg.TS, Arg.TS),
            udf(DATES, "SPARK_TIMESTAMPADD", "timestampAdd", TIMESTAMP, Arg.STR, Arg.LONG, Arg.TS),
            udf(DATES, "UNIX_DATE", "unixDate", INT, Arg.DATE),
            udf(DATES, "DATE_FROM_UNIX_DATE", "dateFromUnixDate", DATE, Arg.INT),
            udf(DATES, "MONTHS_BETWEEN", "monthsBetween", DOUBLE, Arg.TS, Arg.TS),
            udf(DATES, "MONTHS_BETWEEN", "monthsBetween", DOUBLE, Arg.TS, Arg.TS, Arg.BOOL),
            udf(DATES, "MAKE_DATE", "makeDate", DATE, Arg.INT, Arg.INT, Arg.INT),
            udf(
                    DATES,
                    "MAKE_TIMESTAMP",
                    "makeTimestamp",
                    TIMESTAMP,
                    Arg.INT,
                    Arg.INT,
                    Arg.INT,
                    Arg.INT,
                    Arg.INT,
                    Arg.DBL),
            // text
            udf(TEXT, "REGEXP_EXTRACT", "regexpExtract", STRING, Arg.STR, Arg.STR, Arg.INT),
            udf(TEXT, "REGEXP_EXTRACT", "regexpExtract", STRING, Arg.STR, Arg.STR),
            udf(TEXT, "REGEXP_REPLACE", "regexpReplace", STRING, Arg.STR, Arg.STR, Arg.STR),
            udf(TEXT, "LPAD", "lpad", STRING, Arg.STR, Arg.INT, Arg.STR),
            udf(TEXT, "LPAD", "lpad", STRING, Arg.STR, Arg.INT),
            udf(TEXT, "RPAD", "rpad", STRING, Arg.STR, Arg.INT, Arg.STR),
            udf(TEXT, "RPAD", "rpad", STRING, Arg.STR, Arg.INT),
            udf(TEXT, "INITCAP", "initcap", STRING, Arg.STR),
            udf(TEXT, "INSTR", "instr", INT, Arg.STR, Arg.STR),
            udf(TEXT, "LOCATE", "locate", INT, Arg.STR, Arg.STR, Arg.INT),
            udf(TEXT, "LOCATE", "locate", INT, Arg.STR, Arg.STR),
            udf(TEXT, "LTRIM", "ltrim", STRING, Arg.STR),
            udf(TEXT, "RTRIM", "rtrim", STRING, Arg.STR),
            udf(TEXT, "BTRIM", "btrim", STRING, Arg.STR),
            // math
            udf(MATH, "SIGN", "signum", DOUBLE, Arg.DBL),
            udf(MATH, "SIGNUM", "signum", DOUBLE, Arg.DBL),
            udf(MATH, "BROUND", "bround", DOUBLE, Arg.DBL, Arg.INT),
            udf(MATH, "BROUND", "bround", DOUBLE, Arg.DBL),
            udf(MATH, "LN", "ln", DOUBLE_OR_NULL, Arg.DBL),
            udf(MATH, "LOG10", "log10", DOUBLE_OR_NULL, Arg.DBL),
            udf(MATH, "LOG2", "log2", DOUBLE_OR_NULL, Arg.DBL),
            udf(MATH, "LOG", "log", DOUBLE_OR_NULL, Arg.DBL, Arg.DBL),
            udf(MATH, "LOG", "ln", DOUBLE_OR_NULL, Arg.DBL),
            udf(MATH, "POW", "pow", DOUBLE, Arg.DBL, Arg.DBL),
            udf(MATH, "POWER", "pow", DOUBLE, Arg.DBL, Arg.DBL),
            udf(MATH, "SQRT", "sqrt", DOUBLE, Arg.DBL),
            udf(TIMES, "UNIX_TIMESTAMP", "unixTimestamp", BIGINT, Arg.STR, Arg.STR),
            udf(TIMES, "UNIX_TIMESTAMP", "unixTimestamp", BIGINT, Arg.STR));

    /**
     * {@code pmod(a, n)}: typed as Spark types it (the operands' common type); {@link #convertPmod} runs it on whole
     * numbers as a BIGINT ({@link #PMOD_LONG}) and on others as a DOUBLE.
     */
    static final SqlFunction PMOD = new SqlFunction(
            "PMOD",
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.TO_NULLABLE),
            InferTypes.FIRST_KNOWN,
            OperandTypes.NUMERIC_NUMERIC,
            SqlFunctionCategory.NUMERIC);

    /** Spark's {@code try_mod(a, n)}: typed as {@code a % n}, NULL (not an error) for a zero n, so always nullable. */
    static final SqlFunction TRY_MOD = new SqlFunction(
            "TRY_MOD",
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.FORCE_NULLABLE),
            InferTypes.FIRST_KNOWN,
            OperandTypes.NUMERIC_NUMERIC,
            SqlFunctionCategory.NUMERIC);

    private static final SqlOperator ROUND_DOUBLE = udf(MATH, "SPARK_ROUND", "round", DOUBLE, Arg.DBL, Arg.INT);

    /**
     * Calcite's {@code ROUND} of a DOUBLE as Spark's (NaN and infinities stay; Calcite's fails on them); of other
     * types Calcite's, which is Spark's.
     */
    static RexNode convertRound(SqlRexContext cx, SqlCall c) {
        RelDataType x = cx.getValidator().getValidatedNodeType(c.operand(0));
        if (!SqlTypeUtil.isApproximateNumeric(x) || c.operandCount() > 2) {
            return StandardConvertletTable.INSTANCE.get(c).convertCall(cx, c);
        }
        RexBuilder rb = cx.getRexBuilder();
        RelDataTypeFactory f = rb.getTypeFactory();
        RelDataType dbl = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), true);
        RelDataType integer = f.createTypeWithNullability(f.createSqlType(SqlTypeName.INTEGER), true);
        RexNode digits = c.operandCount() == 2
                ? rb.makeCast(integer, cx.convertExpression(c.operand(1)), true, false)
                : rb.makeExactLiteral(BigDecimal.ZERO, integer);
        RexNode call =
                rb.makeCall(ROUND_DOUBLE, rb.makeCast(dbl, cx.convertExpression(c.operand(0)), true, false), digits);
        return rb.makeCast(cx.getValidator().getValidatedNodeType(c), call, true, false);
    }

    private static final SqlOperator PMOD_LONG = udf(MATH, "SPARK_PMOD", "pmod", BIGINT, Arg.LONG, Arg.LONG);
    private static final SqlOperator PMOD_DOUBLE = udf(MATH, "SPARK_PMOD", "pmod", DOUBLE, Arg.DBL, Arg.DBL);

    /** {@code a % n} of whole numbers or DOUBLEs, as Spark's: [REMAINDER_BY_ZERO] for a zero n (ANSI mode). */
    private static final SqlOperator MOD_LONG = udf(MATH, "SPARK_MOD", "mod", BIGINT, Arg.LONG, Arg.LONG);

    private static final SqlOperator MOD_DOUBLE = udf(MATH, "SPARK_MOD", "mod", DOUBLE, Arg.DBL, Arg.DBL);

    private static final SqlOperator MOD_DECIMAL =
            udf(MATH, "SPARK_MOD", "mod", ReturnTypes.DECIMAL_MOD_NULLABLE, Arg.DEC, Arg.DEC);
    /** try_mod: as {@link #MOD_LONG}, NULL for a zero n. */
    private static final SqlOperator TRY_MOD_LONG = udf(MATH, "SPARK_TRY_MOD", "tryMod", BIGINT, Arg.LONG, Arg.LONG);

    private static final SqlOperator TRY_MOD_DOUBLE = udf(MATH, "SPARK_TRY_MOD", "tryMod", DOUBLE, Arg.DBL, Arg.DBL);

    static final List<SqlOperator> ALL = concat(concat(FUNCTIONS, PMOD), TRY_MOD);

    private SparkBuiltins() {}

    private static List<SqlOperator> concat(List<SqlOperator> a, SqlOperator b) {
        List<SqlOperator> out = new ArrayList<>(a);
        out.add(b);
        return List.copyOf(out);
    }

    /** Whether {@code op} is one of {@link #FUNCTIONS}, converted by {@link #convertWithCasts}. */
    static boolean isBuiltin(SqlOperator op) {
        // by identity: SqlOperator.equals takes overloads of one name as equal
        return op instanceof SqlUserDefinedFunction && FUNCTIONS.stream().anyMatch(f -> f == op);
    }

    /**
     * A call of one of {@link #FUNCTIONS} as a row expression with each operand cast to the Java method's parameter
     * type (an INT to a DOUBLE parameter, a DATE to a TIMESTAMP one), which Calcite's generated code does not do.
     */
    static RexNode convertWithCasts(SqlRexContext cx, SqlCall c) {
        RexBuilder rb = cx.getRexBuilder();
        SqlOperandMetadata metadata = (SqlOperandMetadata) c.getOperator().getOperandTypeChecker();
        List<RelDataType> params = metadata.paramTypes(rb.getTypeFactory());
        List<RexNode> operands = new ArrayList<>();
        for (int i = 0; i < c.operandCount(); i++) {
            RexNode o = cx.convertExpression(c.operand(i));
            RelDataType to = params.get(i);
            operands.add(o.getType().getSqlTypeName() == to.getSqlTypeName() ? o : rb.makeCast(to, o, true, false));
        }
        return rb.makeCall(cx.getValidator().getValidatedNodeType(c), c.getOperator(), operands);
    }

    /** {@link #PMOD} as a row expression: the runtime for its type, the answer cast back to it. */
    static RexNode convertPmod(SqlRexContext cx, SqlCall c) {
        return convertRemainder(cx, c, PMOD_LONG, PMOD_DOUBLE);
    }

    /** {@code a % n} as Spark's (not for DECIMALs, which stay Calcite's), as {@link #convertPmod}. */
    static RexNode convertMod(SqlRexContext cx, SqlCall c) {
        return convertRemainder(cx, c, MOD_LONG, MOD_DOUBLE);
    }

    /**
     * {@code a % n} of DECIMALs (or whole numbers with a DECIMAL): the exact remainder in the call's type, an
     * [REMAINDER_BY_ZERO] error for a zero n as Spark's (Calcite's failed with "Division by zero").
     */
    static RexNode convertDecimalMod(SqlRexContext cx, SqlCall c) {
        RexBuilder rb = cx.getRexBuilder();
        RelDataTypeFactory f = rb.getTypeFactory();
        List<RexNode> operands = new ArrayList<>();
        for (SqlNode o : c.getOperandList()) {
            RexNode e = cx.convertExpression(o);
            operands.add(
                    SqlTypeUtil.isDecimal(e.getType())
                            ? e
                            : rb.makeCast(
                                    f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, 20, 0), true),
                                    e,
                                    true,
                                    false));
        }
        return rb.makeCall(cx.getValidator().getValidatedNodeType(c), MOD_DECIMAL, operands);
    }

    /** {@link #TRY_MOD} as a row expression, as {@link #convertPmod}. */
    static RexNode convertTryMod(SqlRexContext cx, SqlCall c) {
        return convertRemainder(cx, c, TRY_MOD_LONG, TRY_MOD_DOUBLE);
    }

    /** Whether a remainder's operands are DECIMALs or whole numbers with a DECIMAL (no DOUBLE among them). */
    static boolean isDecimalRemainder(SqlRexContext cx, SqlCall c) {
        boolean decimal = false;
        for (SqlNode o : c.getOperandList()) {
            RelDataType t = cx.getValidator().getValidatedNodeType(o);
            if (SqlTypeUtil.isApproximateNumeric(t)) {
                return false;
            }
            decimal |= SqlTypeUtil.isDecimal(t);
        }
        return decimal;
    }

    /**
     * A remainder's runtime for its operands (whole numbers as BIGINT, others as DOUBLE), the answer cast back to its
     * type.
     */
    private static RexNode convertRemainder(SqlRexContext cx, SqlCall c, SqlOperator whole, SqlOperator other) {
        RexBuilder rb = cx.getRexBuilder();
        RelDataTypeFactory f = rb.getTypeFactory();
        RelDataType type = cx.getValidator().getValidatedNodeType(c);
        boolean isWhole = true;
        for (SqlNode o : c.getOperandList()) {
            RelDataType t = cx.getValidator().getValidatedNodeType(o);
            isWhole &= SqlTypeUtil.isExactNumeric(t) && !SqlTypeUtil.isDecimal(t);
        }
        RelDataType operand =
                f.createTypeWithNullability(f.createSqlType(isWhole ? SqlTypeName.BIGINT : SqlTypeName.DOUBLE), true);
        RexNode call = rb.makeCall(
                isWhole ? whole : other,
                rb.makeCast(operand, cx.convertExpression(c.operand(0)), true, false),
                rb.makeCast(operand, cx.convertExpression(c.operand(1)), true, false));
        return rb.makeCast(type, call, true, false);
    }
}
