package dev.eddy.sql.internal.batch;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.internal.catalog.CatalogSchema;
import dev.eddy.sql.internal.catalog.RelationTable;
import dev.eddy.sql.internal.spark.SparkConstantFolding;
import dev.eddy.sql.internal.spark.SparkMicros;
import dev.eddy.sql.internal.validate.Dialect;
import dev.eddy.sql.internal.window.WindowStruct;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.tools.RelRunner;
import org.apache.calcite.util.Holder;
import tech.tablesaw.api.Table;

/**
 * Runs a bounded query with Calcite's enumerable engine over snapshots of the catalog's tables. The query arrives
 * as the relational plan Eddy already validated and converted; it is compiled and run as it is (Calcite's
 * RelRunner), never rendered back to SQL text and parsed again. The caller puts the statement's position on a
 * failure.
 */
public final class BatchRunner {
    private static final Pattern DECIMAL_RANGE =
            Pattern.compile("Value (\\S+) cannot be represented as a DECIMAL\\((\\d+, \\d+)\\)");
    private final SqlCatalog catalog;
    private final LongSupplier clock;

    /**
     * @param clock the time (epoch milliseconds) a query's {@code current_timestamp()}, {@code now()} and
     *     {@code current_date()} answer with: read once when the query starts, one value for the whole query as in
     *     Spark (the session's engine clock, so a manual clock makes them deterministic)
     */
    public BatchRunner(SqlCatalog catalog, LongSupplier clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Calcite's rendering of a (rewritten, not yet validated) query: the query's text in a streaming result. */
    public static String render(SqlNode query) {
        return query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    }

    /**
     * Runs the plan Eddy validated and converted (with Spark's types and operators) on Calcite's enumerable
     * engine, so batch answers come from the same plan streaming queries are translated from.
     */
    public Table run(RelNode plan) {
        long now = clock.getAsLong();
        // Calcite reads the statement's time (its CURRENT_TIMESTAMP, CURRENT_DATE) through this hook, on this thread
        try (Hook.Closeable time = Hook.CURRENT_TIME.addThread((Consumer<Holder<Long>>) h -> h.set(now));
                Connection connection = connect()) {
            CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
            SchemaPlus root = calcite.getRootSchema();
            for (Relation r : catalog.all()) {
                if (!r.isStream()) {
                    root.add(r.name(), RelationTable.of(r)); // the plan's scans name tables at the root
                }
            }
            try (PreparedStatement st = connection
                            .unwrap(RelRunner.class)
                            .prepareStatement(FloatingExtremes.apply(DistinctPartialSums.apply(CheckedSums.apply(
                                    SparkAverages.apply(SparkEvaluationOrder.apply(
                                            SparkWhereFacts.apply(SparkMicros.apply(SparkConstantFolding.apply(
                                                    WindowStruct.forCalcite(plan), false)))))))));
                    ResultSet rs = st.executeQuery()) {
                return ResultTables.toTable(rs);
            }
        } catch (SQLException | RuntimeException | AssertionError | LinkageError e) {
            // LinkageError: a constant expression Calcite folds in a static initializer fails as
            // ExceptionInInitializerError (CAST('1.5' AS INT)); its cause is the query's error
            throw new SqlException("Query failed: " + rootMessage(e), 0, 0);
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("parserFactory", "dev.eddy.sql.internal.parser.EddySqlParserImpl#FACTORY");
        p.setProperty("quoting", "DOUBLE_QUOTE");
        p.setProperty("caseSensitive", "false");
        p.setProperty("unquotedCasing", "UNCHANGED");
        p.setProperty("quotedCasing", "UNCHANGED");
        p.setProperty("conformance", Dialect.CONFORMANCE.name());
        p.setProperty("timeZone", "UTC");
        p.setProperty("typeSystem", "dev.eddy.sql.internal.validate.SparkTypeSystem#INSTANCE");
        p.setProperty("defaultNullCollation", Dialect.NULL_COLLATION.name()); // as streaming ORDER BY
        Connection connection = DriverManager.getConnection("jdbc:calcite:", p);
        CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
        calcite.getRootSchema().add("eddy", new CatalogSchema(catalog));
        calcite.setSchema("eddy");
        return connection;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof NumberFormatException || m != null && m.startsWith("Invalid DATE value")) {
            // a text that does not cast to the number or time the query compares or computes it with (Spark's error)
            Matcher v = Pattern.compile("[\"']([^\"']{0,60})").matcher(m == null ? "" : m);
            String value = v.find() ? " '" + v.group(1) + "'" : "";
            return "[CAST_INVALID_INPUT] The value" + value + " of the type \"STRING\" cannot be cast to "
                    + (t instanceof NumberFormatException ? "a number" : "\"TIMESTAMP\"")
                    + " because it is malformed. Use"
                    + " try_cast to tolerate malformed input and return NULL instead.";
        }
        Matcher d = DECIMAL_RANGE.matcher(m == null ? "" : m);
        if (d.lookingAt()) {
            // Calcite's cast of a whole number to a DECIMAL too narrow for it (Spark's error for the same cast)
            return "[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION] " + d.group(1) + " cannot be represented as Decimal("
                    + d.group(2) + "). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error,"
                    + " and return NULL instead.";
        }
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
