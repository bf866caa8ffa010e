package dev.eddy.sql.internal.validate;

import dev.eddy.sql.internal.parser.EddySqlParserImpl;
import dev.eddy.sql.internal.spark.SparkTypeCoercion;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.parser.SqlParser;
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

    /** Spark's types (see {@link SparkTypeSystem}); batch queries' Calcite connection uses the same. */
    public static final RelDataTypeSystem TYPE_SYSTEM = SparkTypeSystem.INSTANCE;

    public static final SqlValidator.Config VALIDATOR = SqlValidator.Config.DEFAULT
            .withConformance(CONFORMANCE)
            .withIdentifierExpansion(true)
            .withDefaultNullCollation(NULL_COLLATION)
            // a string and a number have Spark's common type (the number's), not Calcite's (a string)
            .withTypeCoercionFactory(SparkTypeCoercion::new);

    private Dialect() {}
}
