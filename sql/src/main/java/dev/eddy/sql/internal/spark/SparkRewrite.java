package dev.eddy.sql.internal.spark;

import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Puts Spark's meaning into a parsed statement, in place, before it is validated: {@code a / b} is fractional
 * division with an error for a zero divisor, {@code div} integral division, {@code substring} Spark's (negative
 * positions count from the end), {@code LIKE} escapes with a backslash, {@code approx_count_distinct} is answered
 * exactly (within any error bound). Batch and streaming queries both go through here.
 */
public final class SparkRewrite {
  private SparkRewrite() {
  }

  public static void rewrite(SqlNode statement) {
    walk(statement);
  }

  private static SqlNode walk(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode child = list.get(i);
        SqlNode replaced = walk(child);
        if (replaced != child) {
          list.set(i, replaced);
        }
      }
      return node;
    }
    if (!(node instanceof SqlCall call)) {
      return node;
    }
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      SqlNode child = operands.get(i);
      if (child == null) {
        continue;
      }
      SqlNode replaced = walk(child);
      if (replaced != child) {
        call.setOperand(i, replaced);
      }
    }
    return replace(call);
  }

  private static SqlNode replace(SqlCall call) {
    SqlOperator op = call.getOperator();
    SqlParserPos pos = call.getParserPosition();
    if (op == SqlStdOperatorTable.DIVIDE) {
      // typed after validation (DECIMAL or DOUBLE, as Spark types it), converted by SparkConvertlets
      return SparkOperators.SPARK_SLASH.createCall(pos, call.operand(0), call.operand(1));
    }
    if (op == EddyIntegerDivide.INSTANCE) {
      return SparkOperators.DIV.createCall(pos, cast(call.operand(0), SqlTypeName.BIGINT),
          cast(call.operand(1), SqlTypeName.BIGINT));
    }
    if (op == SqlStdOperatorTable.SUBSTRING && call.operandCount() >= 2) {
      return call.operandCount() == 2
          ? SparkOperators.SUBSTRING2.createCall(pos, call.operand(0), call.operand(1))
          : SparkOperators.SUBSTRING3.createCall(pos, call.operand(0), call.operand(1), call.operand(2));
    }
    if (op.getKind() == SqlKind.LIKE && call.operandCount() == 2 && call instanceof SqlBasicCall) {
      return op.createCall(call.getFunctionQuantifier(), pos, call.operand(0), call.operand(1),
          SqlLiteral.createCharString("\\", pos));
    }
    if (op.getName().equalsIgnoreCase("TRY_DIVIDE") && call.operandCount() == 2) {
      return SparkOperators.TRY_DIVIDE.createCall(pos, cast(call.operand(0), SqlTypeName.DOUBLE),
          cast(call.operand(1), SqlTypeName.DOUBLE));
    }
    if (op.getName().equalsIgnoreCase("APPROX_COUNT_DISTINCT") && call.operandCount() == 1) {
      return SqlStdOperatorTable.COUNT.createCall(SqlSelectKeyword.DISTINCT.symbol(pos), pos, call.operand(0));
    }
    return call;
  }

  private static SqlNode cast(SqlNode e, SqlTypeName to) {
    SqlParserPos pos = e.getParserPosition();
    return SqlStdOperatorTable.CAST.createCall(pos, e,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(to, pos), pos));
  }
}
