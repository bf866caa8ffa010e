package dev.eddy.sql.internal.spark;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Spark's {@code +} and {@code -} with a DATE, put into the call before Calcite checks its operands:
 *
 * <ul>
 *   <li>{@code date + n}, {@code n + date}, {@code date - n} with a whole number n (INT) are Spark's date_add /
 *       date_sub: written {@code date ± n * INTERVAL '1' DAY}, a DATE;
 *   <li>{@code date ± INTERVAL '3' HOUR} (a day-time interval that is not whole days) is a TIMESTAMP in Spark (its
 *       date's midnight plus the interval); Calcite would keep the DATE and drop the hours, so the date is cast to a
 *       TIMESTAMP first;
 *   <li>{@code date - date} is an INTERVAL DAY, {@code ts - ts} (or a date and a timestamp) an INTERVAL DAY TO
 *       SECOND, as in Spark: the call becomes {@code SPARK_DATE_DIFF(a, b) - INTERVAL '0' DAY} (or {@code
 *       SPARK_TIMESTAMP_DIFF(a, b) - INTERVAL '0' SECOND}), since an operand check can change the operands of the
 *       call but not the call itself; the zero costs a subtraction and keeps the interval's type.
 * </ul>
 */
final class SparkDateArithmetic {
    private SparkDateArithmetic() {}

    static void coerce(SqlCallBinding binding, SqlValidator validator) {
        SqlCall call = binding.getCall();
        SqlKind kind = call.getKind();
        if (kind != SqlKind.PLUS && kind != SqlKind.MINUS || call.operandCount() != 2) {
            return;
        }
        RelDataType l = binding.getOperandType(0);
        RelDataType r = binding.getOperandType(1);
        if (isDate(l) && isWholeNumber(r)) {
            days(binding, validator, 1);
        } else if (kind == SqlKind.PLUS && isWholeNumber(l) && isDate(r)) {
            days(binding, validator, 0);
        } else if (kind == SqlKind.MINUS && isTime(l) && isTime(r)) {
            difference(binding, validator, isDate(l) && isDate(r));
        } else if (isDate(l) && isSubDayInterval(r)) {
            toTimestamp(binding, validator, 0);
        } else if (kind == SqlKind.PLUS && isSubDayInterval(l) && isDate(r)) {
            toTimestamp(binding, validator, 1);
        }
    }

    /** {@code a - b} of two times as Spark's interval between them (see the class comment). */
    private static void difference(SqlCallBinding binding, SqlValidator validator, boolean dates) {
        SqlCall call = binding.getCall();
        SqlParserPos pos = call.getParserPosition();
        if (!dates) {
            for (int i = 0; i < 2; i++) {
                if (isDate(binding.getOperandType(i))) {
                    toTimestamp(binding, validator, i);
                }
            }
        }
        SqlNode diff = (dates ? SparkIntervals.DATE_DIFF : SparkIntervals.TIMESTAMP_DIFF)
                .createCall(pos, call.operand(0), call.operand(1));
        SqlNode zero = SqlLiteral.createInterval(
                1, "0", new SqlIntervalQualifier(dates ? TimeUnit.DAY : TimeUnit.SECOND, null, pos), pos);
        call.setOperand(0, diff);
        call.setOperand(1, zero);
        validator.deriveType(binding.getScope(), diff);
        validator.deriveType(binding.getScope(), zero);
    }

    /**
     * {@code d ± n} (the whole number at operand {@code i}) as {@code date_add(d, n) + INTERVAL '0' DAY} (date_sub for
     * a minus): Spark adds the days as an INT and wraps around past its range, where {@code n * INTERVAL '1' DAY}
     * counted microseconds and wrapped around the BIGINT ({@code DATE '2024-01-01' + 2147483647} read +36094-01-11,
     * Spark's is -5877587-06-21). The call stays a {@code +}/{@code -}; the zero interval keeps its DATE.
     */
    private static void days(SqlCallBinding binding, SqlValidator validator, int i) {
        SqlCall call = binding.getCall();
        SqlNode n = call.operand(i);
        SqlNode d = call.operand(1 - i);
        SqlParserPos pos = n.getParserPosition();
        String name = call.getKind() == SqlKind.MINUS ? "DATE_SUB" : "DATE_ADD";
        SqlNode shifted = new SqlUnresolvedFunction(
                        new SqlIdentifier(name, pos), null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION)
                .createCall(pos, d, n);
        SqlNode zero = SqlLiteral.createInterval(1, "0", new SqlIntervalQualifier(TimeUnit.DAY, null, pos), pos);
        call.setOperand(1 - i, shifted);
        call.setOperand(i, zero);
        validator.deriveType(binding.getScope(), shifted);
        validator.deriveType(binding.getScope(), zero);
    }

    private static void toTimestamp(SqlCallBinding binding, SqlValidator validator, int i) {
        SqlCall call = binding.getCall();
        SqlNode d = call.operand(i);
        SqlParserPos pos = d.getParserPosition();
        SqlNode cast = SqlStdOperatorTable.CAST.createCall(
                pos, d, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, 6, pos), pos));
        call.setOperand(i, cast);
        validator.deriveType(binding.getScope(), cast);
    }

    private static boolean isDate(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.DATE;
    }

    private static boolean isTime(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.DATE || t.getSqlTypeName() == SqlTypeName.TIMESTAMP;
    }

    private static boolean isWholeNumber(RelDataType t) {
        SqlTypeName n = t.getSqlTypeName();
        return n == SqlTypeName.INTEGER || n == SqlTypeName.SMALLINT || n == SqlTypeName.TINYINT;
    }

    /** A day-time interval of hours, minutes or seconds (not whole days): Spark's DATE + it is a TIMESTAMP. */
    private static boolean isSubDayInterval(RelDataType t) {
        return SqlTypeUtil.isInterval(t)
                && t.getSqlTypeName() != SqlTypeName.INTERVAL_DAY
                && SqlTypeName.DAY_INTERVAL_TYPES.contains(t.getSqlTypeName());
    }
}
