package dev.eddy.sql.internal.validate;

import dev.eddy.sql.internal.parser.EddySqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Eddy's SQL dialect: identifiers are case-insensitive and keep their case (as in Spark), quoted with
 * back-ticks; GROUP BY may use select aliases and ordinals (lenient conformance).
 */
public final class Dialect {
  public static final SqlConformanceEnum CONFORMANCE = SqlConformanceEnum.LENIENT;

  public static final SqlParser.Config PARSER = SqlParser.config()
      .withParserFactory(EddySqlParserImpl.FACTORY)
      .withQuoting(Quoting.BACK_TICK)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false)
      .withConformance(CONFORMANCE);

  public static final SqlValidator.Config VALIDATOR = SqlValidator.Config.DEFAULT
      .withConformance(CONFORMANCE)
      .withIdentifierExpansion(true);

  private Dialect() {
  }
}
