package dev.eddy.sql.internal.spark;

import dev.eddy.streaming.api.data.IntervalFields;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.TimestampString;

/**
 * Spark's timestamps, to the microsecond, on Calcite's runtime. Calcite's enumerable engine holds a TIMESTAMP as a
 * Long and reads it as milliseconds in a few places only: literals, some casts, interval arithmetic, its own date-time
 * functions and the window table functions. Batch SQL gives it a Long of microseconds (tables load microseconds,
 * Eddy's {@link SparkTimestampFunctions} take and give microseconds, results are read as microseconds), and this
 * rewrite of a plan, just before it runs, replaces each of those places: a TIMESTAMP literal becomes its microseconds
 * ({@code SPARK_MICROS(n, 1)}); casts between TIMESTAMP and DATE, text and integral numbers, {@code ts +/- interval}
 * and {@code timestamp_seconds/millis/micros}, {@code unix_seconds/millis/micros} call Eddy's runtime; a window's
 * size, slide and gap count microseconds. Comparisons, ordering, grouping, joins, MIN/MAX and CASE need nothing: a
 * Long compares the same in any unit. Any other Calcite function of a TIMESTAMP gets the value in milliseconds and
 * its TIMESTAMP answer back in microseconds, correct to the millisecond (none is left in Spark's function list).
 */
public final class SparkMicros {
    private static final long PER_SECOND = 1_000_000L;
    private static final long PER_MILLI = 1_000L;

    private final RexBuilder rb;
    private final RelDataTypeFactory types;

    private SparkMicros(RexBuilder rb) {
        this.rb = rb;
        this.types = rb.getTypeFactory();
    }

    /** The plan with its TIMESTAMP values in microseconds wherever Calcite's runtime would assume milliseconds. */
    public static RelNode apply(RelNode plan) {
        SparkMicros micros = new SparkMicros(plan.getCluster().getRexBuilder());
        RexShuttle expressions = new RexShuttle() {
            @Override
            public RexNode visitLiteral(RexLiteral literal) {
                return micros.literal(literal);
            }

            @Override
            public RexNode visitCall(RexCall call) {
                if (call.getKind() == SqlKind.SEARCH
                        && isTimestamp(call.getOperands().get(0).getType())) {
                    // a Sarg's points are TIMESTAMP literals: as comparisons, whose literals this rewrites
                    return RexUtil.expandSearch(micros.rb, null, call).accept(this);
                }
                if (call.getOperator() instanceof SqlWindowTableFunction) {
                    return micros.window(call);
                }
                RexCall visited = (RexCall) super.visitCall(call);
                RexNode rewritten = micros.call(visited);
                return isTimestamp(rewritten.getType()) ? micros.opaque(rewritten) : rewritten;
            }
        };
        return plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other);
                return (visited instanceof Values v ? micros.values(v) : visited).accept(expressions);
            }
        });
    }

    /**
     * VALUES with TIMESTAMP columns (Calcite's generated code reads their literals as milliseconds, and a shuttle
     * cannot rewrite a VALUES' literals): the same rows with the microseconds as BIGINT literals, under a projection
     * that reads them back as TIMESTAMPs (opaque to Calcite's merging of a projection into VALUES).
     */
    private RelNode values(Values v) {
        List<RelDataTypeField> fields = v.getRowType().getFieldList();
        if (fields.stream().noneMatch(f -> isTimestamp(f.getType()))) {
            return fields.stream().anyMatch(f -> isDayTime(f.getType())) ? dayTimeValues(v) : v;
        }
        RelDataTypeFactory.Builder row = types.builder();
        for (RelDataTypeField f : fields) {
            row.add(f.getName(), isTimestamp(f.getType()) ? asBigint(f.getType()) : f.getType());
        }
        List<List<RexLiteral>> tuples = new ArrayList<>();
        for (List<RexLiteral> tuple : v.getTuples()) {
            List<RexLiteral> t = new ArrayList<>();
            for (int i = 0; i < tuple.size(); i++) {
                RexLiteral lit = tuple.get(i);
                RelDataType type = fields.get(i).getType();
                if (isDayTime(type)) {
                    t.add((RexLiteral) literal(lit));
                } else if (!isTimestamp(type)) {
                    t.add(lit);
                } else if (lit.isNull()) {
                    t.add((RexLiteral) rb.makeNullLiteral(asBigint(type)));
                } else {
                    t.add((RexLiteral) rb.makeExactLiteral(
                            BigDecimal.valueOf(micros(lit.getValueAs(TimestampString.class))), asBigint(type)));
                }
            }
            tuples.add(t);
        }
        RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(v.getCluster(), null);
        RelNode inMicros = builder.values(tuples, row.build()).build();
        List<RexNode> exprs = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            RexNode ref = rb.makeInputRef(inMicros, i);
            RelDataType type = fields.get(i).getType();
            exprs.add(
                    isTimestamp(type)
                            ? rb.makeReinterpretCast(type, SparkDefer.wrapBigint(rb, ref), rb.makeLiteral(false))
                            : ref);
        }
        return LogicalProject.create(inMicros, List.of(), exprs, v.getRowType().getFieldNames(), Set.of());
    }

    /** VALUES with day-time INTERVAL columns: the same rows, their literals in microseconds (see {@link #literal}). */
    private RelNode dayTimeValues(Values v) {
        List<List<RexLiteral>> tuples = new ArrayList<>();
        for (List<RexLiteral> tuple : v.getTuples()) {
            List<RexLiteral> t = new ArrayList<>();
            for (RexLiteral lit : tuple) {
                t.add((RexLiteral) literal(lit));
            }
            tuples.add(t);
        }
        return RelFactories.LOGICAL_BUILDER
                .create(v.getCluster(), null)
                .values(tuples, v.getRowType())
                .build();
    }

    private static boolean isDayTime(RelDataType t) {
        return t.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME;
    }

    private RelDataType asBigint(RelDataType type) {
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), type.isNullable());
    }

    private static boolean isTimestamp(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.TIMESTAMP;
    }

    /** The microseconds since the epoch (UTC) of a TIMESTAMP literal, its fraction to the microsecond. */
    public static long micros(TimestampString ts) {
        String text = ts.toString();
        LocalDateTime t = LocalDateTime.parse(text.indexOf(' ') == 10 ? text.replace(' ', 'T') : text);
        return SparkTimestampFunctions.micros(t);
    }

    private RexNode literal(RexLiteral literal) {
        if (literal.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME && !literal.isNull()) {
            // Calcite's milliseconds; Eddy's day-time intervals hold microseconds (SparkIntervals)
            return rb.makeIntervalLiteral(
                    literal.getValueAs(BigDecimal.class).multiply(BigDecimal.valueOf(PER_MILLI)),
                    literal.getType().getIntervalQualifier());
        }
        if (!isTimestamp(literal.getType()) || literal.isNull()) {
            return literal;
        }
        TimestampString ts = literal.getValueAs(TimestampString.class);
        return opaque(rb.makeReinterpretCast(literal.getType(), bigint(micros(ts)), rb.makeLiteral(false)));
    }

    /**
     * A constant TIMESTAMP expression made opaque to Calcite's reduction of constants, which would make a TIMESTAMP
     * literal of its value and read that as milliseconds; its microseconds as a BIGINT are computed as a constant.
     */
    private RexNode opaque(RexNode ts) {
        if (!RexUtil.isConstant(ts)) {
            return ts;
        }
        RexNode micros = rb.makeReinterpretCast(nullableBigint(ts), ts, rb.makeLiteral(false));
        return rb.makeReinterpretCast(ts.getType(), SparkDefer.wrapBigint(rb, micros), rb.makeLiteral(false));
    }

    private RexNode bigint(long v) {
        return rb.makeExactLiteral(BigDecimal.valueOf(v), types.createSqlType(SqlTypeName.BIGINT));
    }

    private RexNode scale(SqlOperator op, RexNode x, long factor, RelDataType type) {
        RexNode operand = x.getType().getSqlTypeName() == SqlTypeName.BIGINT || x instanceof RexLiteral
                ? x
                : rb.makeReinterpretCast(nullableBigint(x), x, rb.makeLiteral(false));
        return rb.makeCall(type, op, List.of(operand, bigint(factor)));
    }

    private RelDataType nullableBigint(RexNode x) {
        return types.createTypeWithNullability(
                types.createSqlType(SqlTypeName.BIGINT), x.getType().isNullable());
    }

    /** TUMBLE/HOP/SESSION: their intervals (milliseconds in Calcite) as microseconds, as the time column holds. */
    private RexNode window(RexCall call) {
        List<RexNode> operands = new ArrayList<>();
        for (RexNode o : call.getOperands()) {
            if (o instanceof RexLiteral lit
                    && !lit.isNull()
                    && lit.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME) {
                BigDecimal millis = lit.getValueAs(BigDecimal.class);
                operands.add(rb.makeIntervalLiteral(
                        millis.multiply(BigDecimal.valueOf(PER_MILLI)),
                        lit.getType().getIntervalQualifier()));
            } else {
                operands.add(o);
            }
        }
        return call.clone(call.getType(), operands);
    }

    private RexNode call(RexCall call) {
        RexNode special = special(call);
        if (special != null) {
            return special;
        }
        if (!touchesTimestamps(call) || readsMicros(call)) {
            return call;
        }
        // Calcite's own function of a TIMESTAMP: it computes in milliseconds
        List<RexNode> operands = new ArrayList<>();
        for (RexNode o : call.getOperands()) {
            operands.add(
                    isTimestamp(o.getType()) ? scale(SparkOperators.MICROS_SCALE_DOWN, o, PER_MILLI, o.getType()) : o);
        }
        RexCall inMillis = call.clone(call.getType(), operands);
        return isTimestamp(call.getType())
                ? scale(SparkOperators.MICROS_SCALE_UP, inMillis, PER_MILLI, call.getType())
                : inMillis;
    }

    private static boolean touchesTimestamps(RexCall call) {
        if (isTimestamp(call.getType())) {
            return true;
        }
        for (RexNode o : call.getOperands()) {
            if (isTimestamp(o.getType())) {
                return true;
            }
        }
        return false;
    }

    /** Operators that take a TIMESTAMP's Long as it is, whatever its unit. */
    private static boolean readsMicros(RexCall call) {
        if (call.getOperator() instanceof SqlUserDefinedFunction) {
            return true; // Eddy's runtime: microseconds
        }
        switch (call.getKind()) {
            case EQUALS:
            case NOT_EQUALS:
            case LESS_THAN:
            case LESS_THAN_OR_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_OR_EQUAL:
            case IS_NULL:
            case IS_NOT_NULL:
            case IS_DISTINCT_FROM:
            case IS_NOT_DISTINCT_FROM:
            case CASE:
            case COALESCE:
            case NULLIF:
            case GREATEST:
            case LEAST:
            case REINTERPRET:
            case ROW:
            case ITEM:
            case DESCRIPTOR:
                return true;
            default:
                return false;
        }
    }

    private static final Set<TimeUnitRange> DATE_FIELDS = EnumSet.of(
            TimeUnitRange.YEAR,
            TimeUnitRange.ISOYEAR,
            TimeUnitRange.QUARTER,
            TimeUnitRange.MONTH,
            TimeUnitRange.WEEK,
            TimeUnitRange.DAY,
            TimeUnitRange.DOW,
            TimeUnitRange.ISODOW,
            TimeUnitRange.DOY);

    private static final Set<TimeUnitRange> TIME_OF_DAY =
            EnumSet.of(TimeUnitRange.HOUR, TimeUnitRange.MINUTE, TimeUnitRange.SECOND);

    /** The rewrite of a cast, interval arithmetic or epoch conversion of TIMESTAMPs; null for other calls. */
    private RexNode special(RexCall call) {
        RelDataType type = call.getType();
        SqlOperator op = call.getOperator();
        List<RexNode> ops = call.getOperands();
        if (call.getKind() == SqlKind.CAST || call.getKind() == SqlKind.SAFE_CAST) {
            RexNode text = intervalText(ops.get(0), type);
            return text != null ? text : cast(call, ops.get(0), type);
        }
        if (call.getKind() == SqlKind.EXTRACT
                && ops.size() == 2
                && ops.get(1).getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME) {
            return extractFromInterval(call, ops, type);
        }
        if (call.getKind() == SqlKind.EXTRACT
                && ops.size() == 2
                && ops.get(1).getType().getSqlTypeName() == SqlTypeName.DATE
                && ops.get(0) instanceof RexLiteral unit
                && unit.getValue() instanceof TimeUnitRange range
                && TIME_OF_DAY.contains(range)) {
            // Spark reads a DATE's hour, minute or second of its midnight as a timestamp: past the TIMESTAMP's range,
            // long overflow (Calcite's EXTRACT answers 0)
            return call.clone(
                    type,
                    List.of(
                            ops.get(0),
                            rb.makeCall(ops.get(1).getType(), SparkOperators.DATE_CHECKED, List.of(ops.get(1)))));
        }
        if (op.getName().equalsIgnoreCase("LAST_DAY")
                && !(op instanceof SqlUserDefinedFunction)
                && ops.size() == 1
                && ops.get(0).getType().getSqlTypeName() == SqlTypeName.DATE) {
            return rb.makeCall(type, SparkDateOperands.LAST_DAY, ops); // Calcite's answers wrongly before -4713
        }
        if (call.getKind() == SqlKind.EXTRACT
                && ops.size() == 2
                && ops.get(1).getType().getSqlTypeName() == SqlTypeName.DATE
                && ops.get(0) instanceof RexLiteral unit
                && unit.getValue() instanceof TimeUnitRange range
                && DATE_FIELDS.contains(range)) {
            // a DATE's field on the date itself, as Spark's (Calcite's runtime answers wrongly before year -4713)
            RexNode part = rb.makeCall(
                    types.createTypeWithNullability(types.createSqlType(SqlTypeName.INTEGER), true),
                    SparkDateOperands.DATE_PART,
                    List.of(rb.makeLiteral(range.name()), ops.get(1)));
            return rb.makeCast(type, part, true, false);
        }
        if ((call.getKind() == SqlKind.PLUS || call.getKind() == SqlKind.MINUS)
                && type.getSqlTypeName() == SqlTypeName.DATE
                && ops.size() == 2) {
            return datePlusInterval(call.getKind() == SqlKind.MINUS, ops, type);
        }
        if ((call.getKind() == SqlKind.PLUS || call.getKind() == SqlKind.MINUS)
                && isTimestamp(type)
                && ops.size() == 2) {
            return plusInterval(call.getKind() == SqlKind.MINUS, ops, type);
        }
        if (op == SqlLibraryOperators.TIMESTAMP_SECONDS) {
            return scale(SparkOperators.MICROS_SCALE_UP, ops.get(0), PER_SECOND, type);
        }
        if (op == SqlLibraryOperators.TIMESTAMP_MILLIS) {
            return scale(SparkOperators.MICROS_SCALE_UP, ops.get(0), PER_MILLI, type);
        }
        if (op == SqlLibraryOperators.TIMESTAMP_MICROS) {
            return scale(SparkOperators.MICROS_SCALE_UP, ops.get(0), 1, type);
        }
        if (op == SqlLibraryOperators.UNIX_SECONDS) {
            return scale(SparkOperators.MICROS_SCALE_DOWN, ops.get(0), PER_SECOND, type);
        }
        if (op == SqlLibraryOperators.UNIX_MILLIS) {
            return scale(SparkOperators.MICROS_SCALE_DOWN, ops.get(0), PER_MILLI, type);
        }
        if (op == SqlLibraryOperators.UNIX_MICROS) {
            return scale(SparkOperators.MICROS_SCALE_DOWN, ops.get(0), 1, type);
        }
        return null;
    }

    private RexNode cast(RexCall call, RexNode x, RelDataType type) {
        SqlTypeName from = x.getType().getSqlTypeName();
        SqlTypeName to = type.getSqlTypeName();
        if (from == SqlTypeName.TIMESTAMP && to == SqlTypeName.TIMESTAMP) {
            return rb.makeReinterpretCast(type, x, rb.makeLiteral(false)); // Calcite's cast would round
        }
        if (from == SqlTypeName.DATE && to == SqlTypeName.TIMESTAMP) {
            return rb.makeCall(type, SparkOperators.DATE_TIMESTAMP, List.of(x));
        }
        if (from == SqlTypeName.TIMESTAMP && to == SqlTypeName.DATE) {
            return rb.makeCall(type, SparkOperators.TIMESTAMP_DATE, List.of(x));
        }
        if (from == SqlTypeName.TIMESTAMP && SqlTypeUtil.isCharacter(type)) {
            return rb.makeCast(
                    type,
                    rb.makeCall(
                            types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true),
                            SparkCastOperators.TIMESTAMP_STRING,
                            List.of(x)),
                    true,
                    false);
        }
        if (SqlTypeUtil.isCharacter(x.getType()) && to == SqlTypeName.TIMESTAMP) {
            return rb.makeCall(type, SparkCastOperators.STRING_TIMESTAMP, List.of(x));
        }
        if (from == SqlTypeName.TIMESTAMP && SqlTypeUtil.isExactNumeric(type)) {
            // Spark: whole seconds since the epoch
            return rb.makeCast(
                    type, scale(SparkOperators.MICROS_SCALE_DOWN, x, PER_SECOND, nullableBigint(x)), true, false);
        }
        if (from == SqlTypeName.TIMESTAMP && SqlTypeUtil.isApproximateNumeric(type)) {
            return rb.makeCast(
                    type,
                    rb.makeCall(
                            types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), true),
                            SparkCastOperators.TIMESTAMP_DOUBLE,
                            List.of(x)),
                    true,
                    false);
        }
        if (SqlTypeUtil.isIntType(x.getType()) && to == SqlTypeName.TIMESTAMP) {
            // Spark: seconds since the epoch
            RexNode seconds = rb.makeCast(nullableBigint(x), x, true, false);
            return scale(SparkOperators.MICROS_SCALE_UP, seconds, PER_SECOND, type);
        }
        return from == SqlTypeName.TIMESTAMP || to == SqlTypeName.TIMESTAMP ? null : call;
    }

    /**
     * {@code EXTRACT(DAY|HOUR|MINUTE FROM interval)} of a day-time interval (microseconds; Calcite's runtime would read
     * milliseconds): Spark's field of it, its sign kept. SECOND (Spark's DECIMAL with the fraction) is refused.
     */
    private RexNode extractFromInterval(RexCall call, List<RexNode> ops, RelDataType type) {
        TimeUnitRange unit = ((RexLiteral) ops.get(0)).getValueAs(TimeUnitRange.class);
        if (unit != TimeUnitRange.DAY && unit != TimeUnitRange.HOUR && unit != TimeUnitRange.MINUTE) {
            throw new IllegalArgumentException("EXTRACT(" + unit + " FROM interval) is not supported; DAY, HOUR and"
                    + " MINUTE are (" + call + ")");
        }
        RexNode interval = ops.get(1);
        SparkIntervals.checkExtract(unit.name(), interval.getType());
        RexNode micros = rb.makeReinterpretCast(nullableBigint(interval), interval, rb.makeLiteral(false));
        RexNode field = rb.makeCall(
                nullableBigint(interval), SparkIntervals.INTERVAL_FIELD, List.of(micros, rb.makeLiteral(unit.name())));
        return rb.makeCast(type, field, true, false);
    }

    /** {@code CAST(interval AS STRING)}: Spark's text of it; null for another cast. */
    private RexNode intervalText(RexNode x, RelDataType type) {
        IntervalFields fields = SparkIntervals.fields(x.getType());
        if (fields == null || !SqlTypeUtil.isCharacter(type)) {
            return null;
        }
        RexNode value = rb.makeReinterpretCast(nullableBigint(x), x, rb.makeLiteral(false));
        RexNode ordinal = rb.makeExactLiteral(BigDecimal.valueOf(fields.ordinal()));
        RelDataType text = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true);
        return rb.makeCast(
                type, rb.makeCall(text, SparkIntervals.INTERVAL_STRING, List.of(value, ordinal)), true, false);
    }

    /**
     * {@code date ± interval} of whole days (Calcite's runtime would read the microseconds as milliseconds); months
     * stay Calcite's; null for other forms.
     */
    private RexNode datePlusInterval(boolean minus, List<RexNode> ops, RelDataType type) {
        int iv = SparkIntervals.fields(ops.get(1).getType()) != null ? 1 : 0;
        RexNode interval = ops.get(iv);
        if (interval.getType().getSqlTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME || minus && iv == 0) {
            return null;
        }
        RexNode micros = rb.makeReinterpretCast(nullableBigint(interval), interval, rb.makeLiteral(false));
        if (minus) {
            micros = rb.makeCall(nullableBigint(interval), SparkOperators.MICROS_SCALE_UP, List.of(micros, bigint(-1)));
        }
        return rb.makeCall(type, SparkIntervals.DATE_PLUS_MICROS, List.of(ops.get(1 - iv), micros));
    }

    /** {@code ts + interval}, {@code interval + ts}, {@code ts - interval}; null for other forms. */
    private RexNode plusInterval(boolean minus, List<RexNode> ops, RelDataType type) {
        RexNode ts = isTimestamp(ops.get(0).getType()) ? ops.get(0) : ops.get(1);
        RexNode interval = ts == ops.get(0) ? ops.get(1) : ops.get(0);
        if (minus && ts != ops.get(0)) {
            return null;
        }
        SqlTypeFamily family = interval.getType().getSqlTypeName().getFamily();
        if (family == SqlTypeFamily.INTERVAL_DAY_TIME) {
            RexNode micros = rb.makeReinterpretCast(nullableBigint(interval), interval, rb.makeLiteral(false));
            if (minus) {
                micros = rb.makeCall(
                        nullableBigint(interval), SparkOperators.MICROS_SCALE_UP, List.of(micros, bigint(-1)));
            }
            return rb.makeCall(type, SparkOperators.TIMESTAMP_PLUS, List.of(ts, micros));
        }
        if (family == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
            RelDataType integer = types.createTypeWithNullability(
                    types.createSqlType(SqlTypeName.INTEGER), interval.getType().isNullable());
            RexNode months = rb.makeReinterpretCast(integer, interval, rb.makeLiteral(false));
            if (minus) {
                months = rb.makeCall(SqlStdOperatorTable.UNARY_MINUS, months);
            }
            return rb.makeCall(type, SparkOperators.TIMESTAMP_PLUS_MONTHS, List.of(ts, months));
        }
        return null;
    }
}
