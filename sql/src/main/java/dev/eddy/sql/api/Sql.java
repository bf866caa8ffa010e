package dev.eddy.sql.api;

import dev.eddy.sql.internal.batch.BatchRunner;
import dev.eddy.sql.internal.catalog.CalciteTypes;
import dev.eddy.sql.internal.ddl.CatalogListings;
import dev.eddy.sql.internal.ddl.DdlExecutor;
import dev.eddy.sql.internal.parser.SqlCreateRelation;
import dev.eddy.sql.internal.translate.EnginePlans;
import dev.eddy.sql.internal.translate.EngineSources;
import dev.eddy.sql.internal.translate.RelTranslator;
import dev.eddy.sql.internal.translate.Unsupported;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.sql.internal.parser.SqlDropRelation;
import dev.eddy.sql.internal.parser.SqlShow;
import dev.eddy.sql.internal.validate.Dialect;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.sql.internal.validate.PlannedQuery;
import dev.eddy.sql.internal.validate.QueryPlanner;
import dev.eddy.sql.internal.validate.StreamingRules;
import dev.eddy.sql.internal.spark.SparkRewrite;
import dev.eddy.sql.internal.window.SparkWindowRewriter;
import dev.eddy.sql.internal.window.WindowChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
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
 * Not thread-safe per call sequence, but several instances may share one catalog.
 */
public final class Sql {
  private final SqlCatalog catalog;
  private final QueryPlanner planner;
  private final DdlExecutor ddl;
  private final CatalogListings listings;
  private final BatchRunner batch;
  private final Eddy session;
  private final EngineSources sources;
  private volatile boolean startInserts = true;
  private volatile Supplier<Table> queryLister = Sql::noQueries;

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
    this.session = session;
    this.sources = session == null ? null : new EngineSources(session);
    if (session != null) {
      catalog.linkMemoryTables(session);
      this.queryLister = () -> QueryListing.of(session);
    }
    this.planner = new QueryPlanner(catalog);
    this.ddl = new DdlExecutor(catalog);
    this.listings = new CatalogListings(catalog);
    this.batch = new BatchRunner(catalog);
  }

  public SqlCatalog catalog() {
    return catalog;
  }

  /**
   * Whether INSERT INTO starts its query (the default). Off, the result carries the unstarted writer,
   * e.g. for the engine's QueryTestDriver.
   */
  public Sql startInserts(boolean start) {
    this.startInserts = start;
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
    requireSession();
    Relation r = catalog.get(name).orElseThrow(() -> new SqlException("Unknown stream or table '" + name + "'", 0, 0));
    return new Dataset(session, sources.apply(r));
  }

  /** Sets what SHOW QUERIES lists (the engine's query manager). */
  public Sql withQueryLister(Supplier<Table> lister) {
    this.queryLister = Objects.requireNonNull(lister, "lister");
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
    List<SqlResult> results = new ArrayList<>();
    for (SqlNode statement : parse(text)) {
      try {
        results.add(run(statement));
      } catch (StackOverflowError e) {
        // thousands of AND/OR terms make Calcite's validator recurse too deep: one line, never the Error
        throw ErrorMessages.at(statement.getParserPosition(), "This statement is nested too deeply to plan",
            "split it into smaller parts (thousands of AND/OR terms); a long list of values fits IN (...)");
      } catch (AssertionError e) {
        // Calcite's "cannot happen" for shapes its validator does not expect (found by SqlFrontEndFuzzTest,
        // e.g. DESCRIPTOR(...) in FROM): one line with the statement's position, never an Error
        throw ErrorMessages.at(statement.getParserPosition(), "This statement cannot be run",
            "the SQL planner does not support its shape (" + String.valueOf(e.getMessage()).lines().findFirst()
                .orElse("") + ")");
      }
    }
    return results;
  }

  /** Parses {@code text} into statements, with Eddy's short syntax errors. */
  public static List<SqlNode> parse(String text) {
    ErrorMessages.checkNesting(text);
    try {
      return new ArrayList<>(SqlParser.create(text, Dialect.PARSER).parseStmtList().getList());
    } catch (StackOverflowError e) {
      throw new SqlException("Syntax error at line 1, column 1: the text is nested too deeply to parse; split it",
          1, 1);
    } catch (SqlParseException e) {
      if (ErrorMessages.isEmptyInput(e)) {
        return new ArrayList<>(); // nothing but blanks and comments
      }
      throw ErrorMessages.syntax(e, text);
    }
  }

  private PlannedQuery plan(SqlNode query) {
    SparkRewrite.rewrite(query);
    SparkWindowRewriter.rewrite(query);
    WindowChecks.check(query);
    PlannedQuery planned = planner.plan(query);
    StreamingRules.check(planned);
    return planned;
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

  private SqlResult run(SqlNode statement) {
    if (statement instanceof SqlCreateRelation create) {
      String message = ddl.create(create);
      shareWithJava(create);
      return new SqlResult.Message(message);
    }
    if (statement instanceof SqlDropRelation drop) {
      return new SqlResult.Message(ddl.drop(drop));
    }
    if (statement instanceof SqlShow show) {
      switch (show.what) {
        case STREAMS:
          return new SqlResult.Rows(listings.show(Relation.Kind.STREAM));
        case TABLES:
          return new SqlResult.Rows(listings.show(Relation.Kind.TABLE));
        default:
          return new SqlResult.Rows(queryLister.get());
      }
    }
    if (statement instanceof SqlDescribeTable describe) {
      return new SqlResult.Rows(listings.describe(describe.getTable()));
    }
    if (statement instanceof SqlExplain explain) {
      PlannedQuery planned = plan(explain.getExplicandum());
      String explained = (planned.isStreaming() ? "streaming" : "batch") + " query\n"
          + RelOptUtil.toString(planned.rel()).stripTrailing();
      if (session != null && planned.isStreaming()) {
        explained += "\n" + enginePlan(explain.getExplicandum(), planned);
      }
      return new SqlResult.Plan(explained);
    }
    if (statement instanceof SqlInsert || statement.getKind().belongsTo(SqlKind.QUERY)) {
      return query(statement);
    }
    throw ErrorMessages.at(statement.getParserPosition(), "Statement " + statement.getKind() + " is not supported");
  }

  private SqlResult query(SqlNode statement) {
    SparkRewrite.rewrite(statement);
    SparkWindowRewriter.rewrite(statement);
    WindowChecks.check(statement);
    String rendered = BatchRunner.render(statement);
    PlannedQuery planned = planner.plan(statement);
    StreamingRules.check(planned);
    if (planned.sink() != null && !planned.sink().isStream() && !writableTable(planned.sink())) {
      throw ErrorMessages.at(statement.getParserPosition(), "INSERT INTO needs a stream sink; '"
          + planned.sink().name() + "' is a table");
    }
    if (!planned.isStreaming() && planned.sink() == null) {
      try {
        return new SqlResult.Rows(batch.run(planned.rel()));
      } catch (SqlException e) {
        SqlException named = ErrorMessages.namingSum(e, planned.validated());
        // an error while the rows are computed: the statement's position
        throw named.line() > 0 ? named : ErrorMessages.at(statement.getParserPosition(), named.getMessage());
      }
    }
    String planText = RelOptUtil.toString(planned.rel()).stripTrailing();
    Schema schema = CalciteTypes.schemaOf(planned.rowType());
    if (session == null) {
      return new SqlResult.Streaming(rendered, schema, planned.reads(), planned.sink(), planText, planned.rel(),
          null, null, null);
    }
    Dataset dataset = translate(statement, planned);
    if (planned.sink() == null) {
      return new SqlResult.Streaming(rendered, schema, planned.reads(), null, planText, planned.rel(), dataset,
          null, null);
    }
    String mode = EnginePlans.sorts(dataset.plan()) ? "complete"
        : EnginePlans.aggregates(dataset.plan()) ? "update" : "append";
    DataStreamWriter writer = sources.writer(dataset, planned.sink(), mode);
    StreamingQuery started = startInserts ? writer.start() : null;
    return new SqlResult.Streaming(rendered, schema, planned.reads(), planned.sink(), planText, planned.rel(),
        dataset, writer, started);
  }

  /** A table of a format the engine both reads as a table and writes as a sink (e.g. 'parquet'). */
  private static boolean writableTable(Relation table) {
    String connector = table.connector();
    return dev.eddy.streaming.api.spi.Providers.tableFormats().contains(connector)
        && dev.eddy.streaming.api.spi.Providers.sinkFormats().contains(connector);
  }

  private Dataset translate(SqlNode statement, PlannedQuery planned) {
    try {
      RelTranslator translator = new RelTranslator(sources);
      return new Dataset(session, translator.translate(planned.rel(), planned.rowType().getFieldNames()));
    } catch (Unsupported | IllegalArgumentException e) {
      throw ErrorMessages.at(statement.getParserPosition(), "The engine cannot run this query", e.getMessage());
    }
  }

  /**
   * A stream created in SQL becomes a temp view of the session too, so Java reaches it with
   * {@code eddy.view(name)}. Only if the engine can open its connector now; otherwise SQL still knows
   * the stream and a query over it reports what the engine lacks.
   */
  private void shareWithJava(SqlCreateRelation create) {
    if (session == null || create.kind != dev.eddy.sql.internal.parser.RelationKind.STREAM) {
      return;
    }
    String name = create.name.names.get(create.name.names.size() - 1);
    catalog.declared(name).ifPresent(r -> {
      try {
        session.registerView(r.name(), new Dataset(session, sources.apply(r)));
      } catch (RuntimeException e) {
        // the connector is not available in this engine yet; see the method comment
      }
    });
  }

  /** The engine's own explain of the translated query, or why it cannot run. */
  private String enginePlan(SqlNode query, PlannedQuery planned) {
    try {
      return translate(query, planned).explain().stripTrailing();
    } catch (SqlException e) {
      return "== Engine plan ==\n" + e.getMessage();
    }
  }

  private void requireSession() {
    if (session == null) {
      throw new SqlException("This Sql has no engine session; create it with new Sql(eddy)", 0, 0);
    }
  }

  private static Table noQueries() {
    return Table.create("queries", StringColumn.create("name"), StringColumn.create("id"),
        StringColumn.create("status"));
  }
}
