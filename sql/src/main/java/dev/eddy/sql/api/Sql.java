package dev.eddy.sql.api;

import dev.eddy.sql.internal.batch.BatchRunner;
import dev.eddy.sql.internal.catalog.CalciteTypes;
import dev.eddy.sql.internal.ddl.CatalogListings;
import dev.eddy.sql.internal.ddl.DdlExecutor;
import dev.eddy.sql.internal.parser.SqlCreateRelation;
import dev.eddy.sql.internal.parser.SqlDropRelation;
import dev.eddy.sql.internal.parser.SqlShow;
import dev.eddy.sql.internal.validate.Dialect;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.sql.internal.validate.PlannedQuery;
import dev.eddy.sql.internal.validate.QueryPlanner;
import dev.eddy.sql.internal.validate.StreamingRules;
import dev.eddy.sql.internal.window.SparkWindowRewriter;
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
  private volatile StreamingTranslator translator;
  private volatile Supplier<Table> queryLister = Sql::noQueries;

  public Sql(SqlCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.planner = new QueryPlanner(catalog);
    this.ddl = new DdlExecutor(catalog);
    this.listings = new CatalogListings(catalog);
    this.batch = new BatchRunner(catalog);
  }

  public SqlCatalog catalog() {
    return catalog;
  }

  /** Sets what runs streaming statements (the engine session); null validates and explains only. */
  public Sql withTranslator(StreamingTranslator translator) {
    this.translator = translator;
    return this;
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
      results.add(run(statement, text));
    }
    return results;
  }

  /** Parses {@code text} into statements, with Eddy's short syntax errors. */
  public static List<SqlNode> parse(String text) {
    try {
      return new ArrayList<>(SqlParser.create(text, Dialect.PARSER).parseStmtList().getList());
    } catch (SqlParseException e) {
      if (ErrorMessages.isEmptyInput(e)) {
        return new ArrayList<>(); // nothing but blanks and comments
      }
      throw ErrorMessages.syntax(e);
    }
  }

  private PlannedQuery plan(SqlNode query) {
    SparkWindowRewriter.rewrite(query);
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

  private SqlResult run(SqlNode statement, String text) {
    if (statement instanceof SqlCreateRelation create) {
      return new SqlResult.Message(ddl.create(create));
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
      return new SqlResult.Plan((planned.isStreaming() ? "streaming" : "batch") + " query\n"
          + RelOptUtil.toString(planned.rel()).stripTrailing());
    }
    if (statement instanceof SqlInsert || statement.getKind().belongsTo(SqlKind.QUERY)) {
      return query(statement);
    }
    throw ErrorMessages.at(statement.getParserPosition(), "Statement " + statement.getKind() + " is not supported");
  }

  private SqlResult query(SqlNode statement) {
    SparkWindowRewriter.rewrite(statement);
    String rendered = BatchRunner.render(statement);
    PlannedQuery planned = planner.plan(statement);
    StreamingRules.check(planned);
    if (planned.sink() != null && !planned.sink().isStream()) {
      throw ErrorMessages.at(statement.getParserPosition(), "INSERT INTO needs a stream sink; '"
          + planned.sink().name() + "' is a table");
    }
    if (!planned.isStreaming() && planned.sink() == null) {
      return new SqlResult.Rows(batch.run(rendered));
    }
    SqlResult.Streaming s = new SqlResult.Streaming(rendered, CalciteTypes.schemaOf(planned.rowType()),
        planned.reads(), planned.sink(), RelOptUtil.toString(planned.rel()).stripTrailing(), planned.rel(), null);
    StreamingTranslator t = translator;
    return t == null ? s : new SqlResult.Streaming(s.sql(), s.schema(), s.sources(), s.sink(), s.plan(),
        s.rel(), t.translate(s));
  }

  private static Table noQueries() {
    return Table.create("queries", StringColumn.create("name"), StringColumn.create("id"),
        StringColumn.create("status"));
  }
}
