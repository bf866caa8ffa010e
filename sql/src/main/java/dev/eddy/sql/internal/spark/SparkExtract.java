package dev.eddy.sql.internal.spark;

import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.streaming.api.data.IntervalFields;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlExtractFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * Spark's {@code EXTRACT(field FROM i)} of an interval, typed as Spark types it: DAY and YEAR are an INT, HOUR, MINUTE
 * and MONTH a TINYINT (Calcite's EXTRACT is a BIGINT). {@link SparkDateForms} writes every EXTRACT (and date_part) with
 * {@link #EXTRACT}; of a date or a timestamp it is Calcite's. It converts to Calcite's EXTRACT cast to that type, so
 * batch and streaming queries compute it as before.
 */
final class SparkExtract {
    private SparkExtract() {}

    static final SqlFunction EXTRACT = new SqlExtractFunction("EXTRACT", false) {
        /** Validated as this operator: SqlFunction's lookup by name would find Calcite's EXTRACT again. */
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                validator.deriveType(scope, operand);
            }
            return validateOperands(validator, scope, call);
        }

        @Override
        public RelDataType inferReturnType(SqlOperatorBinding binding) {
            RelDataType base = super.inferReturnType(binding);
            if (binding instanceof SqlCallBinding call) {
                checkField(call, unit(binding), binding.getOperandType(1));
            }
            SqlTypeName spark = sparkType(unit(binding), binding.getOperandType(1));
            if (spark == null) {
                return base;
            }
            RelDataTypeFactory types = binding.getTypeFactory();
            return types.createTypeWithNullability(types.createSqlType(spark), base.isNullable());
        }
    };

    /**
     * Refuses at validation, as Spark's analyzer does ([INVALID_EXTRACT_FIELD]), a field an interval of {@code
     * source}'s type does not have: Spark extracts a field only from an interval whose fields run from at least it to
     * at least it ({@code EXTRACT(HOUR FROM INTERVAL '1 02' DAY TO HOUR)}, not {@code EXTRACT(MINUTE FROM d1 - d2)} of
     * an INTERVAL DAY, nor {@code EXTRACT(DAY FROM INTERVAL '26' HOUR)} or {@code EXTRACT(YEAR FROM INTERVAL '14'
     * MONTH)}), and no other field (WEEK, QUARTER, DOW, ...) of any interval.
     */
    static void checkField(SqlCallBinding call, TimeUnitRange unit, RelDataType source) {
        IntervalFields fields = SparkIntervals.fields(source);
        if (unit == null || fields == null) {
            return;
        }
        IntervalFields.Unit u = switch (unit) {
            case YEAR -> IntervalFields.Unit.YEAR;
            case MONTH -> IntervalFields.Unit.MONTH;
            case DAY -> IntervalFields.Unit.DAY;
            case HOUR -> IntervalFields.Unit.HOUR;
            case MINUTE -> IntervalFields.Unit.MINUTE;
            case SECOND -> IntervalFields.Unit.SECOND;
            default -> null;
        };
        if (u == null || u.compareTo(fields.start()) < 0 || u.compareTo(fields.end()) > 0) {
            throw ErrorMessages.at(
                    call.getCall().getParserPosition(),
                    "[INVALID_EXTRACT_FIELD] Cannot extract `" + unit.name() + "` from \"" + fields.sparkName() + "\"",
                    "an " + fields.sparkName() + " has the fields " + fields.start() + " to " + fields.end());
        }
    }

    /** Spark's EXTRACT of {@code call}'s operands. */
    static SqlNode call(SqlParserPos pos, List<SqlNode> operands) {
        return EXTRACT.createCall(pos, operands);
    }

    /** Calcite's EXTRACT of the operands, cast to the type the validator gave {@code c}. */
    static RexNode convert(SqlRexContext cx, SqlCall c) {
        RexBuilder rb = cx.getRexBuilder();
        RelDataType type = cx.getValidator().getValidatedNodeType(c);
        SqlIntervalQualifier q = (SqlIntervalQualifier) c.operand(0);
        RexNode std = rb.makeCall(
                SqlStdOperatorTable.EXTRACT, rb.makeFlag(q.timeUnitRange), cx.convertExpression(c.operand(1)));
        return std.getType().getSqlTypeName() == type.getSqlTypeName() ? std : rb.makeCast(type, std, true, false);
    }

    private static TimeUnitRange unit(SqlOperatorBinding binding) {
        if (binding instanceof SqlCallBinding call && call.operand(0) instanceof SqlIntervalQualifier q) {
            return q.timeUnitRange;
        }
        try {
            return binding.getOperandLiteralValue(0, TimeUnitRange.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Spark's type of a field of an interval of {@code source}'s type; null where Calcite's type stays. */
    private static SqlTypeName sparkType(TimeUnitRange unit, RelDataType source) {
        if (unit == null || source.getSqlTypeName() == null) {
            return null;
        }
        SqlTypeFamily family = source.getSqlTypeName().getFamily();
        if (family == SqlTypeFamily.INTERVAL_DAY_TIME) {
            return switch (unit) {
                case DAY -> SqlTypeName.INTEGER;
                case HOUR, MINUTE -> SqlTypeName.TINYINT;
                default -> null;
            };
        }
        if (family == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
            return switch (unit) {
                case YEAR -> SqlTypeName.INTEGER;
                case MONTH -> SqlTypeName.TINYINT;
                default -> null;
            };
        }
        return null;
    }
}
