package dev.eddy.sql.internal.validate;

import java.util.List;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;

/** Spark functions Calcite lacks: split(text, regex) and explode(array) (one row per element). */
final class EddyFunctions {
  static final SqlFunction SPLIT = new SqlFunction("SPLIT", SqlKind.OTHER_FUNCTION,
      ReturnTypes.cascade(ReturnTypes.ARG0, SqlTypeTransforms.TO_ARRAY),
      null, OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER), SqlFunctionCategory.STRING);

  static final SqlFunction EXPLODE = new SqlFunction("EXPLODE", SqlKind.OTHER_FUNCTION,
      ReturnTypes.cascade(ReturnTypes.ARG0, (binding, type) -> type.getComponentType()),
      null, OperandTypes.ARRAY, SqlFunctionCategory.SYSTEM);

  static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.of(SPLIT, EXPLODE));

  private EddyFunctions() {
  }
}
