package dev.eddy.sql.internal.spark;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Spark's operators and functions as Calcite user-defined functions run by {@link SparkFunctions}. Their
 * names are Spark's, so error messages and plans read as the user wrote them; the internal ones (the
 * division operators) carry a SPARK_ prefix.
 */
public final class SparkOperators {
  private static final SqlReturnTypeInference STRING =
      ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE);
  private static final SqlReturnTypeInference TIMESTAMP =
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.TO_NULLABLE);

  /** {@code a / b} (operands cast to DOUBLE by the rewrite). */
  public static final SqlUserDefinedFunction DIVIDE = udf("SPARK_DIVIDE", "divide", ReturnTypes.DOUBLE_NULLABLE,
      Arg.DBL, Arg.DBL);
  /** {@code a div b} (operands cast to BIGINT by the rewrite). */
  public static final SqlUserDefinedFunction DIV = udf("SPARK_DIV", "div", ReturnTypes.BIGINT_NULLABLE,
      Arg.LONG, Arg.LONG);
  public static final SqlUserDefinedFunction TRY_DIVIDE = udf("TRY_DIVIDE", "tryDivide",
      ReturnTypes.DOUBLE_NULLABLE, Arg.DBL, Arg.DBL);
  public static final SqlUserDefinedFunction SUBSTRING3 = udf("SUBSTRING", "substring", STRING,
      Arg.STR, Arg.INT, Arg.INT);
  public static final SqlUserDefinedFunction SUBSTRING2 = udf("SUBSTRING", "substring", STRING,
      Arg.STR, Arg.INT);

  /** Integral + - * that fail on overflow, used by {@link SparkConvertlets} for INT and BIGINT results. */
  public static final SqlUserDefinedFunction ADD_INT = udf("SPARK_ADD", "addInt", ReturnTypes.INTEGER_NULLABLE,
      Arg.INT, Arg.INT);
  public static final SqlUserDefinedFunction SUBTRACT_INT = udf("SPARK_SUBTRACT", "subtractInt",
      ReturnTypes.INTEGER_NULLABLE, Arg.INT, Arg.INT);
  public static final SqlUserDefinedFunction MULTIPLY_INT = udf("SPARK_MULTIPLY", "multiplyInt",
      ReturnTypes.INTEGER_NULLABLE, Arg.INT, Arg.INT);
  public static final SqlUserDefinedFunction ADD_LONG = udf("SPARK_ADD", "addLong", ReturnTypes.BIGINT_NULLABLE,
      Arg.LONG, Arg.LONG);
  public static final SqlUserDefinedFunction SUBTRACT_LONG = udf("SPARK_SUBTRACT", "subtractLong",
      ReturnTypes.BIGINT_NULLABLE, Arg.LONG, Arg.LONG);
  public static final SqlUserDefinedFunction MULTIPLY_LONG = udf("SPARK_MULTIPLY", "multiplyLong",
      ReturnTypes.BIGINT_NULLABLE, Arg.LONG, Arg.LONG);

  /** Spark's text of a TIMESTAMP (CAST(ts AS STRING)), used by {@link SparkConvertlets}. */
  public static final SqlUserDefinedFunction TIMESTAMP_STRING = udf("SPARK_TIMESTAMP_STRING", "timestampString",
      STRING, Arg.TS);

  /** Spark's text of a DECIMAL (CAST(0.1 AS STRING) is 0.1, Calcite's .1). */
  public static final SqlUserDefinedFunction DECIMAL_STRING = udf("SPARK_DECIMAL_STRING", "decimalString",
      STRING, Arg.DEC);

  private static final List<SqlOperator> FUNCTIONS = List.of(DIVIDE, DIV, TRY_DIVIDE, SUBSTRING2, SUBSTRING3,
      udf("SUBSTR", "substring", STRING, Arg.STR, Arg.INT, Arg.INT),
      udf("SUBSTR", "substring", STRING, Arg.STR, Arg.INT),
      udf("CONCAT", "concat", STRING, Arg.STR, Arg.STR),
      udf("DATE_TRUNC", "dateTrunc", TIMESTAMP, Arg.STR, Arg.TS),
      udf("DATE_FORMAT", "dateFormat", STRING, Arg.TS, Arg.STR),
      udf("FROM_UNIXTIME", "fromUnixtime", STRING, Arg.LONG, Arg.STR),
      udf("FROM_UNIXTIME", "fromUnixtime", STRING, Arg.LONG),
      udf("UNIX_TIMESTAMP", "unixTimestamp", ReturnTypes.BIGINT_NULLABLE, Arg.TS),
      udf("TO_TIMESTAMP", "toTimestamp", TIMESTAMP, Arg.STR),
      udf("TO_TIMESTAMP", "toTimestamp", TIMESTAMP, Arg.STR, Arg.STR));

  /** The table of Spark's functions, looked up before Calcite's standard operators. */
  public static final SqlOperatorTable TABLE = new SqlOperatorTable() {
    @Override public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category,
        SqlSyntax syntax, List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
      if (!opName.isSimple() || syntax != SqlSyntax.FUNCTION) {
        return;
      }
      String name = opName.getSimple().toUpperCase(Locale.ROOT);
      for (SqlOperator op : FUNCTIONS) {
        if (op.getName().equals(name)) {
          operatorList.add(op);
        }
      }
    }

    @Override public List<SqlOperator> getOperatorList() {
      return FUNCTIONS;
    }
  };

  private SparkOperators() {
  }

  /** An argument kind: its Java type in SparkFunctions, SQL type and family. */
  enum Arg {
    STR(String.class, SqlTypeName.VARCHAR, SqlTypeFamily.CHARACTER),
    INT(Integer.class, SqlTypeName.INTEGER, SqlTypeFamily.INTEGER),
    LONG(Long.class, SqlTypeName.BIGINT, SqlTypeFamily.NUMERIC),
    DBL(Double.class, SqlTypeName.DOUBLE, SqlTypeFamily.NUMERIC),
    TS(Long.class, SqlTypeName.TIMESTAMP, SqlTypeFamily.TIMESTAMP),
    DEC(java.math.BigDecimal.class, SqlTypeName.DECIMAL, SqlTypeFamily.NUMERIC);

    final Class<?> java;
    final SqlTypeName sql;
    final SqlTypeFamily family;

    Arg(Class<?> java, SqlTypeName sql, SqlTypeFamily family) {
      this.java = java;
      this.sql = sql;
      this.family = family;
    }
  }

  private static SqlUserDefinedFunction udf(String name, String method, SqlReturnTypeInference returns,
      Arg... args) {
    Class<?>[] params = new Class<?>[args.length];
    List<SqlTypeFamily> families = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      params[i] = args[i].java;
      families.add(args[i].family);
    }
    Method m;
    try {
      m = SparkFunctions.class.getMethod(method, params);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("SparkFunctions." + method + Arrays.toString(params), e);
    }
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returns,
        (binding, returnType, operandTypes) -> {
          List<RelDataType> declared = sqlTypes(binding.getTypeFactory(), args);
          for (int i = 0; i < operandTypes.length && i < declared.size(); i++) {
            operandTypes[i] = declared.get(i);
          }
        },
        OperandTypes.operandMetadata(families, f -> sqlTypes(f, args), i -> "arg" + i, i -> false),
        ScalarFunctionImpl.create(m));
  }

  private static List<RelDataType> sqlTypes(RelDataTypeFactory f, Arg... args) {
    List<RelDataType> types = new ArrayList<>();
    for (Arg a : args) {
      types.add(f.createTypeWithNullability(a.sql == SqlTypeName.TIMESTAMP ? f.createSqlType(a.sql, 3)
          : f.createSqlType(a.sql), true));
    }
    return types;
  }
}
