package dev.eddy.sql.internal.spark;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
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

  private SparkConvertlets() {
  }

  /** Spark's {@code /}: DECIMAL division at the validated scale, or DOUBLE division. */
  private static RexNode divide(SqlRexContext cx, SqlCall c) {
    RexBuilder rb = cx.getRexBuilder();
    RelDataType type = cx.getValidator().getValidatedNodeType(c);
    var f = rb.getTypeFactory();
    RexNode a = cx.convertExpression(c.operand(0));
    RexNode b = cx.convertExpression(c.operand(1));
    if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
      RexNode scale = rb.makeExactLiteral(BigDecimal.valueOf(type.getScale()),
          f.createSqlType(SqlTypeName.INTEGER));
      RelDataType dec = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, 38, 18), true);
      RexNode x = SqlTypeUtil.isDecimal(a.getType()) ? a : rb.makeCast(dec, a, true, false);
      RexNode y = SqlTypeUtil.isDecimal(b.getType()) ? b : rb.makeCast(dec, b, true, false);
      return rb.makeCall(type, SparkOperators.DECIMAL_DIVIDE, List.of(x, y, scale));
    }
    RelDataType dbl = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), true);
    RexNode call = rb.makeCall(SparkOperators.DIVIDE, rb.makeCast(dbl, a, true, false), rb.makeCast(dbl, b, true, false));
    return rb.makeCast(type, call, true, false);
  }

  /** try_add/try_subtract/try_multiply: NULL on INT/BIGINT overflow, otherwise the plain operator. */
  private static RexNode tryArithmetic(SqlRexContext cx, SqlCall c) {
    RexBuilder rb = cx.getRexBuilder();
    RelDataType type = cx.getValidator().getValidatedNodeType(c);
    SqlTypeName t = type.getSqlTypeName();
    String name = c.getOperator().getName();
    RexNode a = cx.convertExpression(c.operand(0));
    RexNode b = cx.convertExpression(c.operand(1));
    SqlOperator op;
    if (t == SqlTypeName.INTEGER || t == SqlTypeName.BIGINT) {
      boolean isInt = t == SqlTypeName.INTEGER;
      op = name.equals("TRY_ADD") ? (isInt ? SparkOperators.TRY_ADD_INT : SparkOperators.TRY_ADD_LONG)
          : name.equals("TRY_SUBTRACT") ? (isInt ? SparkOperators.TRY_SUBTRACT_INT : SparkOperators.TRY_SUBTRACT_LONG)
          : isInt ? SparkOperators.TRY_MULTIPLY_INT : SparkOperators.TRY_MULTIPLY_LONG;
      a = rb.makeCast(type, a, true, false);
      b = rb.makeCast(type, b, true, false);
    } else {
      op = name.equals("TRY_ADD") ? SqlStdOperatorTable.PLUS : name.equals("TRY_SUBTRACT")
          ? SqlStdOperatorTable.MINUS : SqlStdOperatorTable.MULTIPLY;
    }
    return rb.makeCast(type, rb.makeCall(op, a, b), true, false);
  }

  @Override public SqlRexConvertlet get(SqlCall call) {
    SqlRexConvertlet standard = StandardConvertletTable.INSTANCE.get(call);
    SqlKind kind = call.getKind();
    if (call.getOperator() == SparkOperators.SPARK_SLASH) {
      return SparkConvertlets::divide;
    }
    if (call.getOperator() == SparkOperators.TRY_ADD || call.getOperator() == SparkOperators.TRY_SUBTRACT
        || call.getOperator() == SparkOperators.TRY_MULTIPLY) {
      return SparkConvertlets::tryArithmetic;
    }
    if ((kind == SqlKind.PLUS || kind == SqlKind.MINUS || kind == SqlKind.TIMES) && call.operandCount() == 2
        && standard != null) {
      return (cx, c) -> {
        SqlTypeName t = cx.getValidator().getValidatedNodeType(c).getSqlTypeName();
        boolean isInt = t == SqlTypeName.INTEGER;
        if (!isInt && t != SqlTypeName.BIGINT) {
          return standard.convertCall(cx, c);
        }
        RexBuilder rb = cx.getRexBuilder();
        SqlOperator op = kind == SqlKind.PLUS ? (isInt ? SparkOperators.ADD_INT : SparkOperators.ADD_LONG)
            : kind == SqlKind.MINUS ? (isInt ? SparkOperators.SUBTRACT_INT : SparkOperators.SUBTRACT_LONG)
            : isInt ? SparkOperators.MULTIPLY_INT : SparkOperators.MULTIPLY_LONG;
        RelDataType type = cx.getValidator().getValidatedNodeType(c);
        RelDataType operandType = rb.getTypeFactory().createTypeWithNullability(type, true);
        RexNode a = rb.makeCast(operandType, cx.convertExpression(c.operand(0)), true, false);
        RexNode b = rb.makeCast(operandType, cx.convertExpression(c.operand(1)), true, false);
        return rb.makeCast(type, rb.makeCall(op, a, b), true, false);
      };
    }
    if (call.getKind() != SqlKind.CAST || call.operandCount() != 2 || standard == null) {
      return standard;
    }
    return (cx, c) -> {
      RelDataType from = cx.getValidator().getValidatedNodeType(c.operand(0));
      RelDataType to = cx.getValidator().getValidatedNodeType(c);
      SqlTypeName f = from.getSqlTypeName();
      if (!SqlTypeUtil.isCharacter(to)
          || f != SqlTypeName.BOOLEAN && f != SqlTypeName.TIMESTAMP && f != SqlTypeName.DECIMAL) {
        return standard.convertCall(cx, c);
      }
      RexBuilder rb = cx.getRexBuilder();
      RexNode x = cx.convertExpression(c.operand(0));
      RexNode text;
      if (f == SqlTypeName.BOOLEAN) {
        text = rb.makeCall(SqlStdOperatorTable.CASE,
            rb.makeCall(SqlStdOperatorTable.IS_TRUE, x), rb.makeLiteral("true"),
            rb.makeCall(SqlStdOperatorTable.IS_FALSE, x), rb.makeLiteral("false"),
            rb.makeNullLiteral(to));
      } else if (f == SqlTypeName.DECIMAL) {
        text = rb.makeCall(SparkOperators.DECIMAL_STRING, x);
      } else {
        text = rb.makeCall(SparkOperators.TIMESTAMP_STRING, x);
      }
      return rb.makeCast(to, text, true, false);
    };
  }
}
