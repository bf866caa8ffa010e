package dev.eddy.sql.internal.validate;

import dev.eddy.sql.internal.parser.EddySqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Eddy's SQL dialect: identifiers are case-insensitive and keep their case (as in Spark), quoted with
 * back-ticks; GROUP BY may use select aliases and ordinals (lenient conformance); nulls sort first ascending.
 */
public final class Dialect {
  public static final SqlConformanceEnum CONFORMANCE = SqlConformanceEnum.LENIENT;

  /** Spark orders nulls as the smallest values: first when ascending, last when descending. */
  public static final NullCollation NULL_COLLATION = NullCollation.LOW;

  public static final SqlParser.Config PARSER = SqlParser.config()
      .withParserFactory(EddySqlParserImpl.FACTORY)
      .withQuoting(Quoting.BACK_TICK)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false)
      .withConformance(CONFORMANCE);

  /**
   * Decimals up to 38 digits, as Spark's: with Calcite's default of 19, CASE WHEN ... THEN bigint_col ELSE 0.5
   * is DECIMAL(19, 0) and 0.5 becomes 0. CASE or UNION of strings of different lengths is a VARCHAR ('big',
   * not 'big  ' padded to CHAR(5)), as Spark's STRING is never padded.
   */
  public static final RelDataTypeSystem TYPE_SYSTEM = new RelDataTypeSystemImpl() {
    @Override public boolean shouldConvertRaggedUnionTypesToVarying() {
      return true;
    }

    @Override public int getMaxPrecision(SqlTypeName typeName) {
      return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
    }

    @Override public int getMaxScale(SqlTypeName typeName) {
      return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
    }

    @SuppressWarnings("deprecation")
    @Override public int getMaxNumericPrecision() {
      return 38;
    }

    @SuppressWarnings("deprecation")
    @Override public int getMaxNumericScale() {
      return 38;
    }
  };

  public static final SqlValidator.Config VALIDATOR = SqlValidator.Config.DEFAULT
      .withConformance(CONFORMANCE)
      .withIdentifierExpansion(true)
      .withDefaultNullCollation(NULL_COLLATION);

  private Dialect() {
  }
}
