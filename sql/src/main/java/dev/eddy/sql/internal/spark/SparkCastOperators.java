package dev.eddy.sql.internal.spark;

import static dev.eddy.sql.internal.spark.SparkUdf.DATE;
import static dev.eddy.sql.internal.spark.SparkUdf.STRING;
import static dev.eddy.sql.internal.spark.SparkUdf.TIMESTAMP;
import static dev.eddy.sql.internal.spark.SparkUdf.udf;

import dev.eddy.sql.internal.spark.SparkUdf.Arg;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Spark's casts where Calcite's differ, as Calcite operators run by {@link SparkCastFunctions} (written into the plan
 * by {@link SparkConvertlets}), and {@code typeof(x)}.
 */
public final class SparkCastOperators {
    private static final Class<?> CASTS = SparkCastFunctions.class;

    /** Spark's text of a TIMESTAMP (CAST(ts AS STRING)), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction TIMESTAMP_STRING =
            udf(CASTS, "SPARK_TIMESTAMP_STRING", "timestampString", STRING, Arg.TS);

    /** Spark's text of a DOUBLE (CAST(0.0E0 AS STRING) is 0.0, Calcite's 0E0), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction DOUBLE_STRING =
            udf(CASTS, "SPARK_DOUBLE_STRING", "doubleString", STRING, Arg.DBL);

    /** Spark's text of a DATE (a year past 9999 with its sign; Calcite's keeps four digits). */
    public static final SqlUserDefinedFunction DATE_STRING =
            udf(CASTS, "SPARK_DATE_STRING", "dateString", STRING, Arg.DATE);

    /** Spark's text of a DECIMAL (CAST(0.1 AS STRING) is 0.1, Calcite's .1). */
    public static final SqlUserDefinedFunction DECIMAL_STRING =
            udf(CASTS, "SPARK_DECIMAL_STRING", "decimalString", STRING, Arg.DEC);

    /** Spark's cast of a DOUBLE or a wider DECIMAL to DECIMAL(p, s) (HALF_UP), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction DOUBLE_TO_DECIMAL = udf(
            CASTS, "SPARK_TO_DECIMAL", "toDecimal", ReturnTypes.DECIMAL_QUOTIENT_NULLABLE, Arg.DBL, Arg.INT, Arg.INT);

    public static final SqlUserDefinedFunction DECIMAL_TO_DECIMAL = udf(
            CASTS, "SPARK_TO_DECIMAL", "toDecimal", ReturnTypes.DECIMAL_QUOTIENT_NULLABLE, Arg.DEC, Arg.INT, Arg.INT);

    /** Spark's cast of a TIMESTAMP to DOUBLE (seconds), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction TIMESTAMP_DOUBLE =
            udf(CASTS, "SPARK_TIMESTAMP_DOUBLE", "timestampSeconds", ReturnTypes.DOUBLE_NULLABLE, Arg.TS);

    /** Spark's cast of text to BOOLEAN (yes/no, t/f, 1/0, true/false), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction STRING_BOOLEAN =
            udf(CASTS, "SPARK_STRING_BOOLEAN", "stringToBoolean", ReturnTypes.BOOLEAN_NULLABLE, Arg.STR);

    /** Spark's try_cast of text to BOOLEAN (NULL for other text), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction TRY_STRING_BOOLEAN =
            udf(CASTS, "SPARK_TRY_STRING_BOOLEAN", "tryStringToBoolean", ReturnTypes.BOOLEAN_NULLABLE, Arg.STR);

    /** Spark's cast of text to TIMESTAMP, to the millisecond (cut, not rounded), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction STRING_TIMESTAMP =
            udf(CASTS, "SPARK_STRING_TIMESTAMP", "stringToTimestamp", TIMESTAMP, Arg.STR);

    /** Spark's try_cast of text to TIMESTAMP (NULL for other text), which streaming queries run. */
    public static final SqlUserDefinedFunction TRY_STRING_TIMESTAMP =
            udf(CASTS, "SPARK_TRY_STRING_TIMESTAMP", "tryStringToTimestamp", TIMESTAMP, Arg.STR);

    /**
     * Spark's try_cast of text to TIMESTAMP with a time alone on the day of its second operand (a streaming query's
     * micro-batch time), which streaming queries run (RexTranslator).
     */
    public static final SqlUserDefinedFunction TRY_STRING_TIMESTAMP_AT =
            udf(CASTS, "SPARK_TRY_STRING_TIMESTAMP_AT", "tryStringToTimestampAt", TIMESTAMP, Arg.STR, Arg.TS);

    /** Spark's to_timestamp(text) with a time alone on the day of its second operand (streaming, RexTranslator). */
    public static final SqlUserDefinedFunction TO_TIMESTAMP_AT =
            udf(SparkTimestampFunctions.class, "SPARK_TO_TIMESTAMP_AT", "toTimestampAt", TIMESTAMP, Arg.STR, Arg.TS);

    /** Spark's cast of text to DATE (its text forms; other text fails), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction STRING_DATE =
            udf(CASTS, "SPARK_STRING_DATE", "stringToDate", DATE, Arg.STR);

    /** Spark's try_cast of text to DATE (NULL for other text), used by {@link SparkConvertlets}. */
    public static final SqlUserDefinedFunction TRY_STRING_DATE = udf(
            CASTS,
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

    private SparkCastOperators() {}
}
