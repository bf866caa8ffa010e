package dev.eddy.sql.internal.spark;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
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

  @Override public SqlRexConvertlet get(SqlCall call) {
    SqlRexConvertlet standard = StandardConvertletTable.INSTANCE.get(call);
    SqlKind kind = call.getKind();
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
