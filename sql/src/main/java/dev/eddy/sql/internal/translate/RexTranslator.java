package dev.eddy.sql.internal.translate;

import dev.eddy.sql.internal.catalog.CalciteTypes;
import dev.eddy.sql.internal.spark.SparkCastOperators;
import dev.eddy.sql.internal.spark.SparkIntervals;
import dev.eddy.sql.internal.spark.SparkMicros;
import dev.eddy.sql.internal.spark.SparkTimestampFunctions;
import dev.eddy.sql.internal.spark.SparkTypeNames;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.IntervalFields;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.Expr.BinaryOp;
import dev.eddy.streaming.api.expr.ScalarFunctions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

/**
 * Calcite row expressions to engine expressions over the input's column expressions. Times: Calcite's literals
 * count day-time INTERVAL values in milliseconds, the engine in microseconds; a TIMESTAMP literal is read to the
 * microsecond.
 */
final class RexTranslator {
    private final List<Expr> input;
    private final RexBuilder rexBuilder;

    RexTranslator(List<Expr> input, RexBuilder rexBuilder) {
        this.input = input;
        this.rexBuilder = rexBuilder;
    }

    Expr translate(RexNode node) {
        if (node instanceof RexCall search && search.getKind() == SqlKind.SEARCH) {
            Expr in = inList(search);
            if (in != null) {
                return in;
            }
        }
        RexNode n = RexUtil.expandSearch(rexBuilder, null, node);
        if (n instanceof RexInputRef ref) {
            Expr e = input.get(ref.getIndex());
            if (Translated.isWindowMarker(e)) {
                throw new Unsupported("window_start/window_end can only be used after GROUP BY of the window");
            }
            return e;
        }
        if (n instanceof RexLiteral lit) {
            return literal(lit);
        }
        if (n instanceof RexFieldAccess access && translate(access.getReferenceExpr()) instanceof Expr.Col struct) {
            // w.start of a window column (a struct): the engine's struct field
            return new Expr.Col(struct.name() + "." + access.getField().getName());
        }
        if (n instanceof RexCall call) {
            return call(call);
        }
        throw new Unsupported("expression " + n + " is not supported by the streaming engine yet");
    }

    /**
     * The operand of SPARK_NEGATE or SPARK_ABS as the engine checks it: an INT (the second operand, 32 bits) stays an
     * INT, so that the smallest INT is the one that fails.
     */
    private static Expr narrowed(RexCall call, Expr operand) {
        RexNode bits = call.getOperands().get(1);
        boolean isInt = bits instanceof RexLiteral l && Integer.valueOf(32).equals(l.getValueAs(Integer.class));
        return isInt ? new Expr.Cast(operand, DataType.INT) : operand;
    }

    private Expr call(RexCall call) {
        if (call.getKind() == SqlKind.CASE) {
            return caseWhen(call);
        }
        if (call.getKind() == SqlKind.EXTRACT) { // EXTRACT(unit FROM x), also year(x), month(x), ... and date_part
            TimeUnitRange unit = ((RexLiteral) call.getOperands().get(0)).getValueAs(TimeUnitRange.class);
            RexNode source = call.getOperands().get(1);
            if (source.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME) {
                SparkIntervals.checkExtract(unit.name(), source.getType());
                return intervalField(unit, translate(source));
            }
            if (source.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
                // months: the years and the months left, each with the interval's sign (it was read as a date)
                Expr months = new Expr.Cast(translate(source), DataType.LONG);
                return switch (unit) {
                    case YEAR -> whole(months, 12);
                    case MONTH -> remainder(months, 12);
                    default ->
                        throw new Unsupported(
                                "EXTRACT(" + unit + " FROM interval) is not supported; YEAR and MONTH are");
                };
            }
            return DateParts.call(unit, translate(source));
        }
        if (call.getKind() == SqlKind.OR) {
            Expr in = orOfEqualities(call);
            if (in != null) {
                return in;
            }
        }
        List<Expr> args = new ArrayList<>();
        for (RexNode o : call.getOperands()) {
            args.add(translate(o));
        }
        switch (call.getKind()) {
            case PLUS:
                return withInterval(call, args, BinaryOp.ADD);
            case MINUS:
                return withInterval(call, args, BinaryOp.SUB);
            case TIMES:
                return binary(BinaryOp.MUL, args);
            case DIVIDE:
                return binary(BinaryOp.DIV, args);
            case MOD:
                return binary(BinaryOp.MOD, args);
            case EQUALS:
                return binary(BinaryOp.EQ, args);
            case NOT_EQUALS:
                return binary(BinaryOp.NE, args);
            case LESS_THAN:
                return binary(BinaryOp.LT, args);
            case LESS_THAN_OR_EQUAL:
                return binary(BinaryOp.LE, args);
            case GREATER_THAN:
                return binary(BinaryOp.GT, args);
            case GREATER_THAN_OR_EQUAL:
                return binary(BinaryOp.GE, args);
            case AND:
                return fold(BinaryOp.AND, args);
            case OR:
                return fold(BinaryOp.OR, args);
            case NOT:
                return new Expr.Unary(Expr.UnaryOp.NOT, args.get(0));
            case MINUS_PREFIX:
                return new Expr.Unary(Expr.UnaryOp.NEG, args.get(0));
            case IS_NULL:
                return new Expr.Unary(Expr.UnaryOp.IS_NULL, args.get(0));
            case IS_NOT_NULL:
                return new Expr.Unary(Expr.UnaryOp.IS_NOT_NULL, args.get(0));
            // Calcite writes these when it simplifies CASE in a condition; null is neither true nor false
            case IS_TRUE:
                return orElse(args.get(0), false);
            case IS_NOT_FALSE:
                return orElse(args.get(0), true);
            case IS_NOT_TRUE:
                return new Expr.Unary(Expr.UnaryOp.NOT, orElse(args.get(0), false));
            case IS_FALSE:
                return new Expr.Unary(Expr.UnaryOp.NOT, orElse(args.get(0), true));
            case CAST:
                return checked(call, call.getOperands().get(0), cast(call, args.get(0), true), args.get(0));
            case SAFE_CAST: // try_cast: the engine's cast, NULL for text that does not cast
                if (call.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP
                        && SqlTypeUtil.isCharacter(call.getOperands().get(0).getType())) {
                    return textToTimestamp(call, args);
                }
                return cast(call, args.get(0), false);
            case TRIM:
                return new Expr.Call("trim", List.of(args.get(args.size() - 1)));
            case COALESCE:
                return new Expr.Call("coalesce", args);
            default:
                break;
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        switch (name) {
            case "CURRENT_TIMESTAMP": // the micro-batch's timestamp, as Spark's streaming queries have it
                return new Expr.Call("current_timestamp", List.of());
            case "CURRENT_DATE":
                return new Expr.Call("current_date", List.of());
            case "UPPER":
                return new Expr.Call("upper", args);
            case "LOWER":
                return new Expr.Call("lower", args);
            case "CHAR_LENGTH":
            case "CHARACTER_LENGTH":
            case "LENGTH":
                return new Expr.Call("length", args);
            case "||":
            case "CONCAT":
                return new Expr.Call("concat", args);
            case "ABS":
                return new Expr.Call("abs", args);
            case "SQRT":
                return new Expr.Call("sqrt", args);
            case "POWER": // Calcite writes SQRT(x) as POWER(x, 0.5)
                if (call.getOperands().get(1) instanceof RexLiteral half
                        && half.getValueAs(Double.class) != null
                        && half.getValueAs(Double.class) == 0.5) {
                    return new Expr.Call("sqrt", args.subList(0, 1));
                }
                throw new Unsupported("function POWER is not supported by the streaming engine yet");
            // Spark's division operators (SparkRewrite): the engine's division is already Spark's
            case "SPARK_DIVIDE":
                return binary(BinaryOp.DIV, args);
            // the engine holds a DECIMAL in a DOUBLE; the quotient is Spark's, rounded HALF_UP to the scale (third
            // argument)
            case "SPARK_DECIMAL_DIVIDE":
                return new Expr.Call("decimal_divide", args);
            case "SPARK_TO_DECIMAL": // (x, precision, scale): rounded to the scale, checked against the precision
                return new Expr.Call("decimal_round", List.of(args.get(0), args.get(2), args.get(1)));
            // greatest/least (SparkRewrite): the engine compares doubles by Double.compare, NaN = NaN
            case "SPARK_ISNAN":
                return binary(BinaryOp.EQ, List.of(args.get(0), new Expr.Lit(Double.NaN, DataType.DOUBLE)));
            case "SPARK_TRY_STRING_BOOLEAN": // the engine's cast: NULL for text that is no boolean
                return new Expr.Cast(args.get(0), DataType.BOOLEAN);
            case "SPARK_TRY_STRING_DATE": // the engine's cast: NULL for text that is no date
                return new Expr.Cast(args.get(0), DataType.DATE);
            case "SPARK_STRING_DATE":
                return checked(call, call.getOperands().get(0), new Expr.Cast(args.get(0), DataType.DATE), args.get(0));
            case "SPARK_STRING_TIMESTAMP": // Spark's text forms, as a batch query reads them ('2024-01-31' too)
                return checked(call, call.getOperands().get(0), textToTimestamp(call, args), args.get(0));
            case "SPARK_STRING_BOOLEAN":
                return checked(
                        call, call.getOperands().get(0), new Expr.Cast(args.get(0), DataType.BOOLEAN), args.get(0));
            // SparkIntegral's checked casts, minus and abs: the engine's, which check as Spark's ANSI mode does
            case "SPARK_TO_INTEGRAL":
                if (call.getOperands().get(1) instanceof RexLiteral bits && bits.getValueAs(Integer.class) >= 32) {
                    return new Expr.Cast(
                            args.get(0), bits.getValueAs(Integer.class) == 32 ? DataType.INT : DataType.LONG);
                }
                break; // TINYINT, SMALLINT: the batch runtime's method, row by row
            case "SPARK_NEGATE":
                return new Expr.Unary(Expr.UnaryOp.NEG, narrowed(call, args.get(0)));
            case "SPARK_ABS":
                return new Expr.Call("abs", List.of(narrowed(call, args.get(0))));
            // a constant Spark would not fold (SparkConstantFolding): evaluated where it is, like any expression
            case "SPARK_DEFER":
                return args.get(0);
            // SparkConvertlets writes the integral ones as SPARK_ADD(op, a, b)
            case "SPARK_ADD":
                return binary(BinaryOp.ADD, args.subList(1, 3));
            case "SPARK_SUBTRACT":
                return binary(BinaryOp.SUB, args.subList(1, 3));
            case "SPARK_MULTIPLY":
                return binary(BinaryOp.MUL, args.subList(1, 3));
            // SparkBuiltins' remainders (operands and answer cast): the engine's, checked as Spark's
            case "SPARK_MOD":
                return binary(BinaryOp.MOD, args);
            case "SPARK_TRY_MOD":
                return new Expr.Call("try_mod", args);
            // the engine's try_divide (operands cast to DOUBLE): NULL for a zero divisor, its dividend left uncomputed
            case "TRY_DIVIDE":
                return new Expr.Call("try_divide", args);
            case "SPARK_DIV": // the engine's integral division: exact for any BIGINT, checked as Spark's
                return new Expr.Call("div", args);
            case "TIMESTAMP_MICROS":
            case "TIMESTAMP_SECONDS":
            case "TIMESTAMP_MILLIS":
            case "UNIX_SECONDS":
            case "UNIX_MILLIS":
            case "UNIX_MICROS":
                return new Expr.Call(name.toLowerCase(Locale.ROOT), args);
            case "TO_TIMESTAMP":
                if (args.size() == 1) { // a time alone on the micro-batch's day
                    return onBatchDay(call, SparkCastOperators.TO_TIMESTAMP_AT, args.get(0));
                }
                break;
            default:
                break;
        }
        Expr bridged = ScalarFunctionBridge.translate(call, args);
        if (bridged != null) {
            return bridged;
        }
        throw new Unsupported(
                "function " + call.getOperator().getName() + " is not supported by the streaming" + " engine yet");
    }

    /**
     * {@code EXTRACT(DAY|HOUR|MINUTE FROM i)} of a day-time interval (microseconds): Spark's field, with the interval's
     * sign, as batch queries compute it ({@code SparkIntervals.intervalField}); SECOND is SparkIntervals' function.
     */
    private static Expr intervalField(TimeUnitRange unit, Expr interval) {
        Expr micros = new Expr.Cast(interval, DataType.LONG);
        long hour = 3_600_000_000L;
        return switch (unit) {
            case DAY -> whole(micros, IntervalFields.MICROS_PER_DAY);
            case HOUR -> whole(remainder(micros, IntervalFields.MICROS_PER_DAY), hour);
            case MINUTE -> whole(remainder(micros, hour), 60_000_000L);
            default ->
                throw new Unsupported(
                        "EXTRACT(" + unit + " FROM interval) is not supported; DAY, HOUR, MINUTE and SECOND are");
        };
    }

    private static Expr whole(Expr x, long divisor) {
        return new Expr.Call("div", List.of(x, new Expr.Lit(divisor, DataType.LONG)));
    }

    private static Expr remainder(Expr x, long divisor) {
        return new Expr.Binary(BinaryOp.MOD, x, new Expr.Lit(divisor, DataType.LONG));
    }

    /**
     * CASE WHEN c1 THEN v1 ... ELSE e END (Calcite's operands: c1, v1, ..., e) to the engine's case_when; Calcite
     * also expands COALESCE(a, b) to CASE WHEN a IS NOT NULL THEN a ELSE b END, which goes back to coalesce.
     */
    private Expr caseWhen(RexCall call) {
        List<RexNode> ops = call.getOperands();
        if (ops.size() == 3
                && ops.get(0).getKind() == SqlKind.IS_NOT_NULL
                && stripCast(((RexCall) ops.get(0)).getOperands().get(0)).equals(stripCast(ops.get(1)))) {
            return new Expr.Call("coalesce", List.of(translate(ops.get(1)), translate(ops.get(2))));
        }
        List<Expr> args = new ArrayList<>();
        for (RexNode o : ops) {
            args.add(translate(o));
        }
        return new Expr.Call("case_when", args);
    }

    private static Expr orElse(Expr condition, boolean ifNull) {
        return new Expr.Call("coalesce", List.of(condition, new Expr.Lit(ifNull, DataType.BOOLEAN)));
    }

    /**
     * Text read as a TIMESTAMP by the batch query's own method (Spark's forms: {@code 2024-01-31}, {@code 2024-1-5
     * 10:30}, a fraction to the microsecond), NULL for text that is no timestamp; the engine's cast reads ISO
     * date-times only.
     */
    private Expr textToTimestamp(RexCall call, List<Expr> args) {
        return onBatchDay(call, SparkCastOperators.TRY_STRING_TIMESTAMP_AT, args.get(0));
    }

    /**
     * {@code op(text, now)}: text read as a TIMESTAMP with a time alone on the day of the micro-batch's time (the
     * engine clock's, as {@code current_timestamp()}), never the wall clock's (DESIGN.md's clock rule).
     */
    private Expr onBatchDay(RexCall call, SqlOperator op, Expr text) {
        RexNode now = rexBuilder.makeCall(SqlStdOperatorTable.CURRENT_TIMESTAMP);
        RexCall parse = (RexCall) rexBuilder.makeCall(
                call.getType(), op, List.of(call.getOperands().get(0), now));
        return ScalarFunctionBridge.translate(parse, List.of(text, new Expr.Call("current_timestamp", List.of())));
    }

    private static RexNode stripCast(RexNode n) {
        return n.getKind() == SqlKind.CAST ? ((RexCall) n).getOperands().get(0) : n;
    }

    /**
     * A cast of text to a number, boolean or time fails the query for text that does not cast, as Spark's ANSI cast
     * (and a batch query) does; the engine's cast alone gives NULL. {@code call} is the cast, {@code source} its
     * operand.
     */
    private static Expr checked(RexCall call, RexNode source, Expr cast, Expr arg) {
        if (!SqlTypeUtil.isCharacter(source.getType()) || SqlTypeUtil.isCharacter(call.getType())) {
            return cast;
        }
        String type = SparkTypeNames.of(call.getType()).toUpperCase(Locale.ROOT);
        return new Expr.Call(
                "cast_check",
                List.of(
                        cast,
                        arg,
                        new Expr.Lit(type, DataType.STRING),
                        new Expr.Lit("CAST(" + arg + " AS " + type + ")", DataType.STRING)));
    }

    /**
     * The engine's cast; to a DECIMAL of a number, rounded HALF_UP to its scale, and where the value has more whole
     * digits than the DECIMAL holds failing as Spark's ANSI CAST ({@code checked}) or NULL as try_cast.
     */
    private static Expr cast(RexCall call, Expr arg, boolean checked) {
        SqlTypeName to = call.getType().getSqlTypeName();
        SqlTypeName from = call.getOperands().get(0).getType().getSqlTypeName();
        if (to == SqlTypeName.DECIMAL
                && SqlTypeUtil.isNumeric(call.getOperands().get(0).getType())) {
            return new Expr.Call(
                    "decimal_round",
                    List.of(
                            arg,
                            new Expr.Lit(call.getType().getScale(), DataType.INT),
                            new Expr.Lit(call.getType().getPrecision(), DataType.INT),
                            new Expr.Lit(!checked, DataType.BOOLEAN)));
        }
        if (to == SqlTypeName.DECIMAL
                && (from == SqlTypeName.DOUBLE
                        || from == SqlTypeName.FLOAT
                        || from == SqlTypeName.REAL
                        || from == SqlTypeName.DECIMAL
                                && call.getOperands().get(0).getType().getScale()
                                        > call.getType().getScale())) {
            // Spark rounds to the DECIMAL's scale (HALF_UP); the engine holds the result in a DOUBLE
            return new Expr.Call(
                    "decimal_round", List.of(arg, new Expr.Lit(call.getType().getScale(), DataType.INT)));
        }
        if (from == to) {
            return arg;
        }
        IntervalFields interval =
                SparkIntervals.fields(call.getOperands().get(0).getType());
        if (interval != null && SqlTypeUtil.isCharacter(call.getType())) {
            // Spark's text of the SQL type's fields (the engine's type may be a wider one: DAY TO HOUR is DAY TO
            // SECOND)
            String name = "sql.interval_string." + interval.name().toLowerCase(Locale.ROOT);
            ScalarFunctions.register(name, new ScalarFunctions.ScalarFunction() {
                @Override
                public DataType type() {
                    return DataType.STRING;
                }

                @Override
                public Object apply(Object[] args) {
                    return args[0] == null ? null : interval.format(((Number) args[0]).longValue());
                }
            });
            return new Expr.Call(name, List.of(arg));
        }
        return new Expr.Cast(arg, CalciteTypes.schemaOf(rowOf(call)).field(0).type());
    }

    private static RelDataType rowOf(RexCall call) {
        return new JavaTypeFactoryImpl().builder().add("c", call.getType()).build();
    }

    /**
     * {@code a ± b}, where a time plus or minus an INTERVAL is Spark's: a DATE and whole days (Calcite counts a
     * day-time interval in milliseconds, the engine in microseconds) or months ({@code add_months}); a TIMESTAMP and a
     * day-time interval as microseconds, or months (calendar months in UTC, as Spark's TimestampAddYMInterval).
     */
    private Expr withInterval(RexCall call, List<Expr> args, BinaryOp op) {
        List<RexNode> ops = call.getOperands();
        int iv = SqlTypeUtil.isInterval(ops.get(1).getType())
                ? 1
                : SqlTypeUtil.isInterval(ops.get(0).getType()) ? 0 : -1;
        if (iv < 0 || ops.size() != 2 || SqlTypeUtil.isInterval(ops.get(1 - iv).getType())) {
            return binary(op, args);
        }
        Expr time = args.get(1 - iv);
        Expr interval = args.get(iv);
        boolean months =
                SqlTypeName.YEAR_INTERVAL_TYPES.contains(ops.get(iv).getType().getSqlTypeName());
        boolean date = ops.get(1 - iv).getType().getSqlTypeName() == SqlTypeName.DATE;
        if (months || date) {
            interval = new Expr.Cast(interval, DataType.LONG); // its months or microseconds, as a number
        }
        if (months) {
            Expr n = new Expr.Cast(
                    op == BinaryOp.SUB ? new Expr.Unary(Expr.UnaryOp.NEG, interval) : interval, DataType.INT);
            return new Expr.Call(date ? "add_months" : timestampPlusMonths(), List.of(time, n));
        }
        if (date) { // whole days (SparkDateArithmetic made a date plus hours a TIMESTAMP)
            Expr days = new Expr.Cast(
                    new Expr.Call("div", List.of(interval, new Expr.Lit(86_400_000_000L, DataType.LONG))),
                    DataType.INT);
            return new Expr.Binary(op, time, days);
        }
        return iv == 1 ? new Expr.Binary(op, time, interval) : new Expr.Binary(op, interval, time);
    }

    /**
     * The engine's function for a TIMESTAMP plus months, as batch queries and Spark compute it: the months added to the
     * date in UTC (the last day of a shorter month where the day does not exist), the time of day kept.
     */
    private static String timestampPlusMonths() {
        String name = "sql.timestamp_plus_months";
        ScalarFunctions.register(name, new ScalarFunctions.ScalarFunction() {
            @Override
            public DataType type() {
                return DataType.TIMESTAMP;
            }

            @Override
            public Object apply(Object[] args) {
                return args[0] == null || args[1] == null
                        ? null
                        : SparkTimestampFunctions.timestampPlusMonths(
                                ((Number) args[0]).longValue(), ((Number) args[1]).intValue());
            }
        });
        return name;
    }

    private static Expr binary(BinaryOp op, List<Expr> args) {
        return new Expr.Binary(op, args.get(0), args.get(1));
    }

    private static Expr fold(BinaryOp op, List<Expr> args) {
        Expr e = args.get(0);
        for (int i = 1; i < args.size(); i++) {
            e = new Expr.Binary(op, e, args.get(i));
        }
        return e;
    }

    /**
     * {@code x IN (v1, ..., vn)} with many values (Calcite's SEARCH over points) as the engine's in(x, v1, ...),
     * which looks values up in a hash set; expanded into n ORs it would nest n deep. Null when it is no such list.
     */
    private Expr inList(RexCall search) {
        try {
            RexLiteral lit = (RexLiteral) search.getOperands().get(1);
            Sarg<?> sarg = lit.getValueAs(Sarg.class);
            if (sarg == null || !sarg.isPoints() || sarg.pointCount < 8 || sarg.nullAs != RexUnknownAs.UNKNOWN) {
                return null;
            }
            List<Expr> args = new ArrayList<>();
            args.add(translate(search.getOperands().get(0)));
            for (var range : sarg.rangeSet.asRanges()) {
                RexNode v = rexBuilder.makeLiteral(range.lowerEndpoint(), lit.getType(), false);
                if (!(v instanceof RexLiteral point)) {
                    return null;
                }
                args.add(literal(point));
            }
            return new Expr.Call("in", args);
        } catch (RuntimeException e) {
            return null; // anything unexpected: the plain expansion below
        }
    }

    /**
     * {@code x = v1 OR ... OR x = vn} with many literals (Calcite writes {@code x IN (v1, ..., NULL)} so, a NULL
     * keeping it from a SEARCH) as the engine's in(x, v1, ...): the same answer (true when listed, NULL for a miss
     * when a value is NULL, else false) and one hash-set lookup, where n ORs would nest n deep. Null when it is not
     * such a list.
     */
    private Expr orOfEqualities(RexCall or) {
        List<RexNode> terms = or.getOperands();
        if (terms.size() < 8) {
            return null;
        }
        RexNode x = null;
        boolean nullValue = false;
        List<Expr> args = new ArrayList<>();
        args.add(null);
        for (RexNode term : terms) {
            if (term instanceof RexLiteral l && l.isNull()) {
                nullValue = true; // x = NULL, which Calcite simplifies to a NULL
                continue;
            }
            if (!(term instanceof RexCall eq) || eq.getKind() != SqlKind.EQUALS) {
                return null;
            }
            RexNode left = eq.getOperands().get(0);
            RexNode right = eq.getOperands().get(1);
            RexNode side = right instanceof RexLiteral ? left : right;
            RexNode value = right instanceof RexLiteral ? right : left;
            if (!(value instanceof RexLiteral point) || (x != null && !x.equals(side))) {
                return null;
            }
            x = side;
            args.add(literal(point));
        }
        if (x == null) {
            return null;
        }
        if (nullValue) {
            args.add(literal(rexBuilder.makeNullLiteral(x.getType())));
        }
        args.set(0, translate(x));
        return new Expr.Call("in", args);
    }

    static Expr literal(RexLiteral lit) {
        SqlTypeName t = lit.getType().getSqlTypeName();
        if (lit.isNull()) {
            return new Expr.Lit(
                    null,
                    CalciteTypes.schemaOf(new JavaTypeFactoryImpl()
                                    .builder()
                                    .add("c", lit.getType())
                                    .build())
                            .field(0)
                            .type());
        }
        if (t.getFamily() == SqlTypeFamily.CHARACTER) {
            return new Expr.Lit(lit.getValueAs(String.class), DataType.STRING);
        }
        if (t == SqlTypeName.BOOLEAN) {
            return new Expr.Lit(lit.getValueAs(Boolean.class), DataType.BOOLEAN);
        }
        if (t == SqlTypeName.INTEGER || t == SqlTypeName.SMALLINT || t == SqlTypeName.TINYINT) {
            return new Expr.Lit(lit.getValueAs(Integer.class), DataType.INT);
        }
        if (t == SqlTypeName.BIGINT) {
            return new Expr.Lit(lit.getValueAs(Long.class), DataType.LONG);
        }
        if (t == SqlTypeName.DECIMAL || t == SqlTypeName.DOUBLE || t == SqlTypeName.FLOAT || t == SqlTypeName.REAL) {
            BigDecimal v = lit.getValueAs(BigDecimal.class);
            return v.scale() <= 0
                            && t == SqlTypeName.DECIMAL
                            && v.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) < 0
                    ? new Expr.Lit(v.intValueExact(), DataType.INT)
                    : new Expr.Lit(v.doubleValue(), DataType.DOUBLE);
        }
        if (t == SqlTypeName.TIMESTAMP) {
            return new Expr.Lit(SparkMicros.micros(lit.getValueAs(TimestampString.class)), DataType.TIMESTAMP);
        }
        if (t == SqlTypeName.DATE) { // days since the epoch
            return new Expr.Lit(lit.getValueAs(Integer.class), DataType.DATE);
        }
        if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(t)) { // months
            return new Expr.Lit(lit.getValueAs(Long.class), DataType.INTERVAL_YEAR_TO_MONTH);
        }
        if (SqlTypeName.INTERVAL_TYPES.contains(t)) { // Calcite's milliseconds, the engine's microseconds
            return new Expr.Lit(
                    lit.getValueAs(Long.class) * 1000L,
                    t == SqlTypeName.INTERVAL_DAY ? DataType.INTERVAL_DAY : DataType.INTERVAL_DAY_TO_SECOND);
        }
        throw new Unsupported("literal " + lit + " of type " + t + " is not supported by the streaming engine yet");
    }
}
