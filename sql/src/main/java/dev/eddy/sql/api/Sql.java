package dev.eddy.sql.api;

import dev.eddy.sql.internal.pipeline.SqlPipeline;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.sql.SqlNode;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Eddy's SQL front end. {@code execute} runs one text of statements separated by ';' and returns the
 * last statement's result ({@code executeAll} returns each). DDL changes the {@link SqlCatalog}; batch
 * queries return a Tablesaw table; streaming statements are validated, checked against the streaming
 * rules, planned, and handed to the {@link StreamingTranslator} if one is set.
 *
 * <pre>
 *   Sql sql = new Sql(new SqlCatalog());
 *   sql.execute("CREATE STREAM lines (word STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '10' MINUTE)"
 *       + " WITH ('connector' = 'topic', 'topic' = 'lines')");
 *   SqlResult r = sql.execute("SELECT window.start, word, COUNT(*) FROM lines GROUP BY window(ts, '10 minutes'), word");
 * </pre>
 * Not thread-safe per call sequence, but several instances may share one catalog. This class is the front door;
 * the statements run in the internal pipeline ({@code SqlPipeline}).
 */
public final class Sql {
    private final SqlCatalog catalog;
    private final SqlPipeline pipeline;

    /** SQL that validates, explains and runs batch queries, without an engine to run streaming ones. */
    public Sql(SqlCatalog catalog) {
        this(null, catalog);
    }

    /** SQL bound to an engine session, with a new catalog that also sees the session's memory tables. */
    public Sql(Eddy session) {
        this(Objects.requireNonNull(session, "session"), new SqlCatalog());
    }

    /** SQL bound to an engine session and an existing catalog (null session: no streaming execution). */
    public Sql(Eddy session, SqlCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        Supplier<Table> queries = Sql::noQueries;
        if (session != null) {
            catalog.linkMemoryTables(session);
            queries = () -> QueryListing.of(session);
        }
        this.pipeline = new SqlPipeline(session, catalog, queries);
    }

    public SqlCatalog catalog() {
        return catalog;
    }

    /**
     * Whether INSERT INTO starts its query (the default). Off, the result carries the unstarted writer,
     * e.g. for the engine's QueryTestDriver.
     */
    public Sql startInserts(boolean start) {
        pipeline.startInserts(start);
        return this;
    }

    /** The engine Dataset of a streaming SELECT, for going on in Java. */
    public Dataset stream(String selectSql) {
        SqlResult r = execute(selectSql);
        if (r instanceof SqlResult.Streaming s && s.dataset() != null) {
            return s.dataset();
        }
        throw new SqlException("Not a streaming SELECT (or no engine session): " + selectSql, 0, 0);
    }

    /** A stream or table of the catalog as an engine Dataset (a stream created in SQL, used from Java). */
    public Dataset dataset(String name) {
        return pipeline.dataset(name);
    }

    /** Sets what SHOW QUERIES lists (the engine's query manager). */
    public Sql withQueryLister(Supplier<Table> lister) {
        pipeline.queryLister(lister);
        return this;
    }

    /** Runs every statement of {@code text}; returns the last result. */
    public SqlResult execute(String text) {
        List<SqlResult> all = executeAll(text);
        if (all.isEmpty()) {
            throw new SqlException("No SQL statement to run", 0, 0);
        }
        return all.get(all.size() - 1);
    }

    /** Runs every statement of {@code text} in order and returns each result; stops at the first error. */
    public List<SqlResult> executeAll(String text) {
        return pipeline.executeAll(text);
    }

    /** Parses {@code text} into statements, with Eddy's short syntax errors. */
    public static List<SqlNode> parse(String text) {
        return SqlPipeline.parse(text);
    }

    /**
     * Plans a representative windowed query on a private catalog so Calcite's classes are loaded and
     * compiled before the first real query (the first one otherwise takes seconds). Call it off the
     * critical path, e.g. on a background thread at kernel start; it never throws.
     *
     * @return true if the warm-up queries planned and ran (false means the first real query stays slow)
     */
    public static boolean warmUp() {
        try {
            Sql sql = new Sql(new SqlCatalog());
            sql.execute("CREATE STREAM warm (k STRING, v BIGINT, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'memory')");
            sql.catalog.registerTable("warm_t", Table.create("warm_t", StringColumn.create("k", "a")));
            sql.execute("SELECT window.start, k, COUNT(*), SUM(v) FROM warm WHERE v > 0"
                    + " GROUP BY window(ts, '10 seconds', '5 seconds'), k");
            sql.execute("SELECT k, COUNT(*) AS n FROM warm_t GROUP BY k ORDER BY n DESC LIMIT 5");
            return true;
        } catch (RuntimeException e) {
            // warming is an optimisation: a failure here shows up again, with its message, on the real query
            return false;
        }
    }

    private static Table noQueries() {
        return Table.create(
                "queries", StringColumn.create("name"), StringColumn.create("id"), StringColumn.create("status"));
    }
}
