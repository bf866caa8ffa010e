package dev.eddy.sql.internal.spark;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's conversion of validated SQL to row expressions, with Spark's ANSI arithmetic (INT and BIGINT
 * {@code + - *} fail on overflow with [ARITHMETIC_OVERFLOW]) and Spark's text of values: a BOOLEAN cast to
 * STRING is {@code true}/{@code false} (Calcite: TRUE/FALSE), a TIMESTAMP keeps its fraction without trailing
 * zeros (Calcite drops it), a DECIMAL keeps its leading zero.
 */
public final class SparkConvertlets implements SqlRexConvertletTable {
    public static final SparkConvertlets INSTANCE = new SparkConvertlets();

    private SparkConvertlets() {}

    /** Spark's {@code /}: DECIMAL division at the validated scale, DOUBLE division, or an interval divided. */
    private static RexNode divide(SqlRexContext cx, SqlCall c) {
        RexBuilder rb = cx.getRexBuilder();
        RelDataType type = cx.getValidator().getValidatedNodeType(c);
        var f = rb.getTypeFactory();
        RexNode a = cx.convertExpression(c.operand(0));
        RexNode b = cx.convertExpression(c.operand(1));
        if (SqlTypeUtil.isInterval(type)) {
            return SparkIntervals.divide(rb, type, a, b);
        }
        if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
            RexNode scale =
                    rb.makeExactLiteral(BigDecimal.valueOf(type.getScale()), f.createSqlType(SqlTypeName.INTEGER));
            RelDataType dec = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, 38, 18), true);
            RexNode x = SqlTypeUtil.isDecimal(a.getType()) ? a : rb.makeCast(dec, a, true, false);
            RexNode y = SqlTypeUtil.isDecimal(b.getType()) ? b : rb.makeCast(dec, b, true, false);
            return rb.makeCall(type, SparkArithmeticOperators.DECIMAL_DIVIDE, List.of(x, y, scale));
        }
        RelDataType dbl = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), true);
        RexNode call = rb.makeCall(
                SparkArithmeticOperators.DIVIDE, rb.makeCast(dbl, a, true, false), rb.makeCast(dbl, b, true, false));
        return rb.makeCast(type, call, true, false);
    }

    /** {@code SPARK_OR_NAN(cmp, x)}: {@code cmp OR SPARK_ISNAN(x)} when x is floating, else {@code cmp}. */
    private static RexNode orNaN(SqlRexContext cx, SqlCall c) {
        RexNode cmp = cx.convertExpression(c.operand(0));
        RelDataType x = cx.getValidator().getValidatedNodeType(c.operand(1));
        if (!SqlTypeUtil.isApproximateNumeric(x)) {
            return cmp;
        }
        RexBuilder rb = cx.getRexBuilder();
        RelDataType dbl = rb.getTypeFactory()
                .createTypeWithNullability(rb.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), true);
        RexNode nan = rb.makeCall(
                SparkArithmeticOperators.IS_NAN, rb.makeCast(dbl, cx.convertExpression(c.operand(1)), true, false));
        return rb.makeCall(SqlStdOperatorTable.OR, cmp, nan);
    }

    /** try_add/try_subtract/try_multiply: NULL on INT/BIGINT overflow, otherwise the plain operator. */
    private static RexNode tryArithmetic(SqlRexContext cx, SqlCall c) {
        RelDataType type = cx.getValidator().getValidatedNodeType(c);
        String name = c.getOperator().getName();
        RexNode a = cx.convertExpression(c.operand(0));
        RexNode b = cx.convertExpression(c.operand(1));
        SqlTypeName t = type.getSqlTypeName();
        if (t == SqlTypeName.INTEGER || t == SqlTypeName.BIGINT) {
            return integral(cx.getRexBuilder(), SparkMathFunctions.Arithmetic.valueOf(name), type, a, b);
        }
        SqlOperator op = name.equals("TRY_ADD")
                ? SqlStdOperatorTable.PLUS
                : name.equals("TRY_SUBTRACT") ? SqlStdOperatorTable.MINUS : SqlStdOperatorTable.MULTIPLY;
        return cx.getRexBuilder().makeCast(type, cx.getRexBuilder().makeCall(op, a, b), true, false);
    }

    /** INT or BIGINT {@code a op b} ({@code type}) by Spark's rules: an overflow is an error, or NULL for try_. */
    private static RexNode integral(
            RexBuilder rb, SparkMathFunctions.Arithmetic op, RelDataType type, RexNode a, RexNode b) {
        RelDataType operandType = rb.getTypeFactory().createTypeWithNullability(type, true);
        RexNode code = rb.makeExactLiteral(
                BigDecimal.valueOf(op.ordinal()), rb.getTypeFactory().createSqlType(SqlTypeName.INTEGER));
        SqlOperator runtime = SparkArithmeticOperators.arithmetic(op, type.getSqlTypeName() == SqlTypeName.INTEGER);
        return rb.makeCast(
                type,
                rb.makeCall(
                        runtime,
                        code,
                        rb.makeCast(operandType, a, true, false),
                        rb.makeCast(operandType, b, true, false)),
                true,
                false);
    }

    @Override
    public SqlRexConvertlet get(SqlCall call) {
        SqlRexConvertlet standard = StandardConvertletTable.INSTANCE.get(SparkIntervalCasts.calciteForm(call));
        SqlKind kind = call.getKind();
        if (SparkDateOperands.handles(call)) { // a DATE's functions computed on the date, as Spark's
            return (cx, c) -> {
                RexNode onDate = SparkDateOperands.convert(cx, c);
                return onDate != null ? onDate : standard.convertCall(cx, c);
            };
        }
        if (call.getOperator() == SparkDefer.SAME) {
            return (cx, c) -> SparkDefer.opaque(cx.getRexBuilder(), cx.convertExpression(c.operand(0)));
        }
        if (call.getOperator() == SparkCastOperators.TYPEOF) {
            return (cx, c) -> cx.getRexBuilder()
                    .makeAbstractCast(
                            cx.getValidator().getValidatedNodeType(c),
                            cx.getRexBuilder()
                                    .makeLiteral(
                                            SparkTypeNames.of(cx.getValidator().getValidatedNodeType(c.operand(0)))),
                            false);
        }
        if (call.getOperator() == SparkExtract.EXTRACT) {
            return SparkExtract::convert;
        }
        if (call.getOperator() == SparkBuiltins.PMOD) {
            return SparkBuiltins::convertPmod;
        }
        if (call.getOperator() == SparkBuiltins.TRY_MOD) {
            return SparkBuiltins::convertTryMod;
        }
        if (kind == SqlKind.MOD && call.operandCount() == 2) {
            return (cx, c) -> SparkBuiltins.isDecimalRemainder(cx, c)
                    ? SparkBuiltins.convertDecimalMod(cx, c)
                    : SparkBuiltins.convertMod(cx, c);
        }
        if (call.getOperator() == SqlStdOperatorTable.ROUND) {
            return SparkBuiltins::convertRound;
        }
        if (SparkBuiltins.isBuiltin(call.getOperator())) {
            return SparkBuiltins::convertWithCasts;
        }
        if (SparkExtremes.isCheck(call)) {
            // the arguments were only there to be checked: greatest/least is the CASEs
            return (cx, c) -> cx.getRexBuilder()
                    .ensureType(cx.getValidator().getValidatedNodeType(c), cx.convertExpression(c.operand(0)), true);
        }
        if (call.getOperator() == SparkArithmeticOperators.OR_NAN) {
            return SparkConvertlets::orNaN;
        }
        if (call.getOperator() == SparkArithmeticOperators.SPARK_SLASH) {
            return SparkConvertlets::divide;
        }
        if (call.getOperator() == SparkArithmeticOperators.SPARK_STAR) {
            return (cx, c) -> {
                RelDataType type = cx.getValidator().getValidatedNodeType(c);
                if (SqlTypeUtil.isInterval(type)) {
                    int iv = SqlTypeUtil.isInterval(cx.getValidator().getValidatedNodeType(c.operand(0))) ? 0 : 1;
                    return SparkIntervals.multiply(
                            cx.getRexBuilder(),
                            type,
                            cx.convertExpression(c.operand(iv)),
                            cx.convertExpression(c.operand(1 - iv)));
                }
                ((SqlBasicCall) c).setOperator(SqlStdOperatorTable.MULTIPLY); // Calcite's product, as validated
                return get(c).convertCall(cx, c);
            };
        }
        if (call.getOperator() == SparkArithmeticOperators.TRY_ADD
                || call.getOperator() == SparkArithmeticOperators.TRY_SUBTRACT
                || call.getOperator() == SparkArithmeticOperators.TRY_MULTIPLY) {
            return SparkConvertlets::tryArithmetic;
        }
        if ((kind == SqlKind.PLUS || kind == SqlKind.MINUS || kind == SqlKind.TIMES)
                && call.operandCount() == 2
                && standard != null) {
            return (cx, c) -> {
                RelDataType type = cx.getValidator().getValidatedNodeType(c);
                SqlTypeName t = type.getSqlTypeName();
                if (t != SqlTypeName.INTEGER && t != SqlTypeName.BIGINT) {
                    return standard.convertCall(cx, c);
                }
                SparkMathFunctions.Arithmetic op = kind == SqlKind.PLUS
                        ? SparkMathFunctions.Arithmetic.ADD
                        : kind == SqlKind.MINUS
                                ? SparkMathFunctions.Arithmetic.SUBTRACT
                                : SparkMathFunctions.Arithmetic.MULTIPLY;
                return integral(
                        cx.getRexBuilder(),
                        op,
                        type,
                        cx.convertExpression(c.operand(0)),
                        cx.convertExpression(c.operand(1)));
            };
        }
        if (kind == SqlKind.MINUS_PREFIX || call.getOperator() == SqlStdOperatorTable.ABS) {
            // a negative literal stays a literal (arguments that must be constants, such as round's scale)
            return (cx, c) -> SparkIntegral.isIntOrBigint(cx.getValidator().getValidatedNodeType(c))
                            && !(c.operand(0) instanceof SqlLiteral)
                    ? SparkIntegral.convertNegateOrAbs(cx, c, kind != SqlKind.MINUS_PREFIX)
                    : standard.convertCall(cx, c);
        }
        if (call.getKind() == SqlKind.SAFE_CAST && call.operandCount() == 2 && standard != null) {
            return (cx, c) -> {
                RelDataType from = cx.getValidator().getValidatedNodeType(c.operand(0));
                RelDataType to = cx.getValidator().getValidatedNodeType(c);
                RexNode interval = SparkIntervalCasts.cast(cx, c, from, to, true);
                if (interval != null) {
                    return interval;
                }
                if (SparkIntegral.mayOverflow(from, to)) {
                    return SparkIntegral.convertCast(cx, c, from, to, true);
                }
                if (SparkIntegral.isTryDecimal(from, to)) {
                    return SparkIntegral.convertTryDecimal(cx, c, from, to);
                }
                if (to.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isCharacter(from)) {
                    RexBuilder rb = cx.getRexBuilder(); // Spark's date text, NULL for other text
                    return rb.makeCast(
                            to,
                            rb.makeCall(SparkCastOperators.TRY_STRING_DATE, cx.convertExpression(c.operand(0))),
                            true,
                            false);
                }
                if (to.getSqlTypeName() != SqlTypeName.BOOLEAN || !SqlTypeUtil.isCharacter(from)) {
                    return standard.convertCall(cx, c);
                }
                // Spark's text forms of a boolean, NULL for other text; Calcite's try_cast knows true/false only
                RexBuilder rb = cx.getRexBuilder();
                return rb.makeCast(
                        to,
                        rb.makeCall(SparkCastOperators.TRY_STRING_BOOLEAN, cx.convertExpression(c.operand(0))),
                        true,
                        false);
            };
        }
        if (call.getKind() != SqlKind.CAST || call.operandCount() != 2 || standard == null) {
            return standard;
        }
        return (cx, c) -> {
            RelDataType from = cx.getValidator().getValidatedNodeType(c.operand(0));
            RelDataType to = cx.getValidator().getValidatedNodeType(c);
            SqlTypeName f = from.getSqlTypeName();
            RexNode interval = SparkIntervalCasts.cast(cx, c, from, to, false);
            if (interval != null) {
                return interval;
            }
            if (SparkIntegral.mayOverflow(from, to)) {
                return SparkIntegral.convertCast(cx, c, from, to, false);
            }
            if (to.getSqlTypeName() == SqlTypeName.DECIMAL && SqlTypeUtil.isCharacter(from)) {
                // Spark reads the text's exact decimal and rounds it HALF_UP to the scale (Calcite's cast cuts it):
                // the text to DECIMAL(38, 18) first, then Spark's cast of a wider DECIMAL
                RexBuilder rb = cx.getRexBuilder();
                RelDataType integer = rb.getTypeFactory().createSqlType(SqlTypeName.INTEGER);
                RelDataType wide = rb.getTypeFactory()
                        .createTypeWithNullability(
                                rb.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, 38, 18), from.isNullable());
                return rb.makeCall(
                        to,
                        SparkCastOperators.DECIMAL_TO_DECIMAL,
                        List.of(
                                rb.makeCast(wide, cx.convertExpression(c.operand(0)), false, false),
                                rb.makeExactLiteral(BigDecimal.valueOf(to.getPrecision()), integer),
                                rb.makeExactLiteral(BigDecimal.valueOf(to.getScale()), integer)));
            }
            if (to.getSqlTypeName() == SqlTypeName.DECIMAL
                    && (SqlTypeUtil.isApproximateNumeric(from)
                            || f == SqlTypeName.DECIMAL && from.getScale() > to.getScale())) {
                // Spark rounds HALF_UP to the scale (a DOUBLE by its shortest text: 7.35 is 7.4 at scale 1)
                RexBuilder rb = cx.getRexBuilder();
                RelDataType integer = rb.getTypeFactory().createSqlType(SqlTypeName.INTEGER);
                RexNode x = cx.convertExpression(c.operand(0));
                return rb.makeCall(
                        to,
                        f == SqlTypeName.DECIMAL
                                ? SparkCastOperators.DECIMAL_TO_DECIMAL
                                : SparkCastOperators.DOUBLE_TO_DECIMAL,
                        List.of(
                                f == SqlTypeName.DECIMAL
                                        ? x
                                        : rb.makeCast(
                                                rb.getTypeFactory()
                                                        .createTypeWithNullability(
                                                                rb.getTypeFactory()
                                                                        .createSqlType(SqlTypeName.DOUBLE),
                                                                true),
                                                x,
                                                true,
                                                false),
                                rb.makeExactLiteral(BigDecimal.valueOf(to.getPrecision()), integer),
                                rb.makeExactLiteral(BigDecimal.valueOf(to.getScale()), integer)));
            }
            if (to.getSqlTypeName() == SqlTypeName.DOUBLE && f == SqlTypeName.TIMESTAMP) {
                RexBuilder rb = cx.getRexBuilder();
                return rb.makeCast(
                        to,
                        rb.makeCall(SparkCastOperators.TIMESTAMP_DOUBLE, cx.convertExpression(c.operand(0))),
                        true,
                        false);
            }
            if (to.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isCharacter(from)) {
                // Spark's date text (2024, 2024-1, 2024-01-05 10:30, ...); Calcite's cast wants yyyy-MM-dd
                RexBuilder rb = cx.getRexBuilder();
                return rb.makeCast(
                        to,
                        rb.makeCall(SparkCastOperators.STRING_DATE, cx.convertExpression(c.operand(0))),
                        true,
                        false);
            }
            if (to.getSqlTypeName() == SqlTypeName.TIMESTAMP && SqlTypeUtil.isCharacter(from)) {
                // Calcite's cast rounds a finer fraction to the millisecond (.123999 is .124); Eddy cuts it, as
                // the engine's cast in streaming queries does
                RexBuilder rb = cx.getRexBuilder();
                return rb.makeCast(
                        to,
                        rb.makeCall(SparkCastOperators.STRING_TIMESTAMP, cx.convertExpression(c.operand(0))),
                        true,
                        false);
            }
            if (to.getSqlTypeName() == SqlTypeName.BOOLEAN && SqlTypeUtil.isCharacter(from)) {
                // Spark's text forms of a boolean (yes, no, t, f, 1, 0, ...); Calcite's cast knows true/false only
                RexBuilder rb = cx.getRexBuilder();
                return rb.makeCast(
                        to,
                        rb.makeCall(SparkCastOperators.STRING_BOOLEAN, cx.convertExpression(c.operand(0))),
                        true,
                        false);
            }
            if (!SqlTypeUtil.isCharacter(to)
                    || f != SqlTypeName.BOOLEAN
                            && f != SqlTypeName.TIMESTAMP
                            && f != SqlTypeName.DATE
                            && f != SqlTypeName.DECIMAL
                            && f != SqlTypeName.DOUBLE) {
                return standard.convertCall(cx, c);
            }
            RexBuilder rb = cx.getRexBuilder();
            RexNode x = cx.convertExpression(c.operand(0));
            RexNode text;
            if (f == SqlTypeName.BOOLEAN) {
                text = rb.makeCall(
                        SqlStdOperatorTable.CASE,
                        rb.makeCall(SqlStdOperatorTable.IS_TRUE, x),
                        rb.makeLiteral("true"),
                        rb.makeCall(SqlStdOperatorTable.IS_FALSE, x),
                        rb.makeLiteral("false"),
                        rb.makeNullLiteral(to));
            } else if (f == SqlTypeName.DECIMAL) {
                text = rb.makeCall(SparkCastOperators.DECIMAL_STRING, x);
            } else if (f == SqlTypeName.DOUBLE) {
                text = rb.makeCall(SparkCastOperators.DOUBLE_STRING, x);
            } else if (f == SqlTypeName.DATE) { // Calcite's text keeps four digits of the year: +32140 read 2140
                text = rb.makeCall(SparkCastOperators.DATE_STRING, x);
            } else {
                text = rb.makeCall(SparkCastOperators.TIMESTAMP_STRING, x);
            }
            return rb.makeCast(to, text, true, false);
        };
    }
}
