package dev.eddy.sql.internal.pipeline;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.sql.internal.batch.BatchRunner;
import dev.eddy.sql.internal.catalog.CalciteTypes;
import dev.eddy.sql.internal.ddl.CatalogListings;
import dev.eddy.sql.internal.ddl.DdlExecutor;
import dev.eddy.sql.internal.parser.InlineTables;
import dev.eddy.sql.internal.parser.MultiUnitIntervals;
import dev.eddy.sql.internal.parser.RelationKind;
import dev.eddy.sql.internal.parser.SourceMap;
import dev.eddy.sql.internal.parser.SqlCreateRelation;
import dev.eddy.sql.internal.parser.SqlDropRelation;
import dev.eddy.sql.internal.parser.SqlShow;
import dev.eddy.sql.internal.spark.SparkConstantFolding;
import dev.eddy.sql.internal.spark.SparkRewrite;
import dev.eddy.sql.internal.translate.EngineSources;
import dev.eddy.sql.internal.translate.RelTranslator;
import dev.eddy.sql.internal.translate.Unsupported;
import dev.eddy.sql.internal.validate.Dialect;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.sql.internal.validate.PlannedQuery;
import dev.eddy.sql.internal.validate.QueryPlanner;
import dev.eddy.sql.internal.validate.StreamingRules;
import dev.eddy.sql.internal.window.SparkWindowRewriter;
import dev.eddy.sql.internal.window.WindowChecks;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.spi.Providers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import tech.tablesaw.api.Table;

/**
 * Runs statements for one {@code Sql}: DDL on the catalog, SHOW/DESCRIBE listings, EXPLAIN, batch queries on the
 * validated plan, and streaming queries translated to the engine (started when they INSERT INTO a sink).
 */
public final class SqlPipeline {
    private final SqlCatalog catalog;
    private final Eddy session;
    private final EngineSources sources;
    private final QueryPlanner planner;
    private final DdlExecutor ddl;
    private final CatalogListings listings;
    private final BatchRunner batch;
    private volatile boolean startInserts = true;
    private volatile Supplier<Table> queryLister;

    /** A pipeline over {@code catalog}; with a {@code session} (may be null) streaming queries run on the engine. */
    public SqlPipeline(Eddy session, SqlCatalog catalog, Supplier<Table> queryLister) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.session = session;
        this.sources = session == null ? null : new EngineSources(session);
        this.queryLister = queryLister;
        this.planner = new QueryPlanner(catalog);
        this.ddl = new DdlExecutor(catalog);
        this.listings = new CatalogListings(catalog);
        this.batch = new BatchRunner(
                catalog,
                session == null
                        ? System::currentTimeMillis
                        : () -> session.clock().millis());
    }

    public void startInserts(boolean start) {
        this.startInserts = start;
    }

    public void queryLister(Supplier<Table> lister) {
        this.queryLister = Objects.requireNonNull(lister, "lister");
    }

    /** A stream or table of the catalog as an engine Dataset. */
    public Dataset dataset(String name) {
        requireSession();
        Relation r =
                catalog.get(name).orElseThrow(() -> new SqlException("Unknown stream or table '" + name + "'", 0, 0));
        return new Dataset(session, sources.apply(r));
    }

    /** Parses {@code text} into statements, with Eddy's short syntax errors. */
    public static List<SqlNode> parse(String text) {
        return parseMapped(text).statements();
    }

    /** The statements of a text and where the parsed (rewritten) text came from in it. */
    private record Parsed(List<SqlNode> statements, SourceMap source) {}

    private static Parsed parseMapped(String text) {
        ErrorMessages.checkNesting(text);
        SourceMap source = MultiUnitIntervals.rewrite(InlineTables.parenthesize(SourceMap.identity(text)));
        try {
            return new Parsed(
                    new ArrayList<>(SqlParser.create(source.text(), Dialect.PARSER)
                            .parseStmtList()
                            .getList()),
                    source);
        } catch (StackOverflowError e) {
            throw new SqlException(
                    "Syntax error at line 1, column 1: the text is nested too deeply to parse; split it", 1, 1);
        } catch (SqlParseException e) {
            if (ErrorMessages.isEmptyInput(e)) {
                return new Parsed(new ArrayList<>(), source); // nothing but blanks and comments
            }
            throw source.remap(ErrorMessages.syntax(e, source.text()));
        }
    }

    /**
     * Runs every statement of {@code text} in order and returns each result; stops at the first error, whose
     * position is in {@code text} as the user wrote it (not in the text rewritten for the parser).
     */
    public List<SqlResult> executeAll(String text) {
        Parsed parsed = parseMapped(text);
        try {
            return executeAll(parsed.statements());
        } catch (SqlException e) {
            throw parsed.source().remap(e);
        }
    }

    private List<SqlResult> executeAll(List<SqlNode> statements) {
        List<SqlResult> results = new ArrayList<>();
        for (SqlNode statement : statements) {
            try {
                results.add(run(statement));
            } catch (StackOverflowError e) {
                // thousands of AND/OR terms make Calcite's validator recurse too deep: one line, never the Error
                throw ErrorMessages.at(
                        statement.getParserPosition(),
                        "This statement is nested too deeply to plan",
                        "split it into smaller parts (thousands of AND/OR terms); a long list of values fits IN (...)");
            } catch (AssertionError e) {
                // Calcite's "cannot happen" for shapes its validator does not expect (found by SqlFrontEndFuzzTest,
                // e.g. DESCRIPTOR(...) in FROM): one line with the statement's position, never an Error
                throw ErrorMessages.at(
                        statement.getParserPosition(),
                        "This statement cannot be run",
                        "the SQL planner does not support its shape ("
                                + String.valueOf(e.getMessage())
                                        .lines()
                                        .findFirst()
                                        .orElse("") + ")");
            }
        }
        return results;
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
            return explain(explain.getExplicandum());
        }
        if (statement instanceof SqlInsert || statement.getKind().belongsTo(SqlKind.QUERY)) {
            return query(statement);
        }
        throw ErrorMessages.at(statement.getParserPosition(), "Statement " + statement.getKind() + " is not supported");
    }

    /** A query after the one sequence every query goes through, with its text as Calcite renders it. */
    private record Prepared(String rendered, PlannedQuery planned) {}

    /** Rewrite (Spark's functions and window forms) → checks → validation and planning → streaming rules. */
    private Prepared prepare(SqlNode query) {
        SparkRewrite.rewrite(query);
        SparkWindowRewriter.rewrite(query);
        WindowChecks.check(query);
        String rendered = BatchRunner.render(query); // before validation, which expands the tree
        PlannedQuery planned = planner.plan(query);
        StreamingRules.check(planned);
        return new Prepared(rendered, planned);
    }

    private SqlResult explain(SqlNode query) {
        PlannedQuery planned = prepare(query).planned();
        String explained = (planned.isStreaming() ? "streaming" : "batch") + " query\n"
                + RelOptUtil.toString(planned.rel()).stripTrailing();
        if (session != null && planned.isStreaming()) {
            explained += "\n" + enginePlan(query, planned);
        }
        return new SqlResult.Plan(explained);
    }

    private SqlResult query(SqlNode statement) {
        Prepared prepared = prepare(statement);
        PlannedQuery planned = prepared.planned();
        if (planned.sink() != null && !planned.sink().isStream() && !writableTable(planned.sink())) {
            throw ErrorMessages.at(
                    statement.getParserPosition(),
                    "INSERT INTO needs a stream sink; '" + planned.sink().name() + "' is a table");
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
        if (session == null) {
            return streaming(prepared, null, null, null);
        }
        Dataset dataset = translate(statement, planned);
        if (planned.sink() == null) {
            return streaming(prepared, dataset, null, null);
        }
        DataStreamWriter writer = sources.writer(dataset, planned.sink(), OutputMode.forSink(dataset.plan()));
        return streaming(prepared, dataset, writer, startInserts ? writer.start() : null);
    }

    /** A streaming query's result: its plan and, with a session, its dataset (and an INSERT's writer and query). */
    private static SqlResult.Streaming streaming(
            Prepared prepared, Dataset dataset, DataStreamWriter writer, StreamingQuery started) {
        PlannedQuery planned = prepared.planned();
        return new SqlResult.Streaming(
                prepared.rendered(),
                CalciteTypes.schemaOf(planned.rowType()),
                planned.reads(),
                planned.sink(),
                RelOptUtil.toString(planned.rel()).stripTrailing(),
                planned.rel(),
                dataset,
                writer,
                started);
    }

    private Dataset translate(SqlNode statement, PlannedQuery planned) {
        try {
            RelTranslator translator = new RelTranslator(sources);
            LogicalPlan plan = translator.translate(
                    SparkConstantFolding.apply(planned.rel(), true),
                    planned.rowType().getFieldNames());
            return new Dataset(session, withResultSchema(plan, planned.rowType()));
        } catch (SparkConstantFolding.ConstantFailure e) {
            throw ErrorMessages.at(statement.getParserPosition(), "Query failed: " + e.getMessage());
        } catch (Unsupported | IllegalArgumentException e) {
            throw ErrorMessages.at(statement.getParserPosition(), "The engine cannot run this query", e.getMessage());
        }
    }

    /**
     * The plan with the SQL result's interval fields on its columns ({@code INTERVAL '3' HOUR} is an INTERVAL HOUR, not
     * the DAY TO SECOND the engine holds it in), so sinks and live views type and show them as Spark does. Its top
     * projection takes the schema (a projection is put on top when there is none); the operators below, their state
     * and checkpoints keep the engine's types.
     */
    private static LogicalPlan withResultSchema(LogicalPlan plan, RelDataType rowType) {
        Schema refined = CalciteTypes.refine(plan.schema(), rowType);
        if (refined.equals(plan.schema())) {
            return plan;
        }
        if (plan instanceof Project p) {
            return new Project(p.child(), p.exprs(), refined);
        }
        List<Expr> columns = new ArrayList<>();
        for (String name : plan.schema().names()) {
            columns.add(new Expr.Col(name));
        }
        return new Project(plan, columns, refined);
    }

    /**
     * A stream created in SQL becomes a temp view of the session too, so Java reaches it with
     * {@code eddy.view(name)}. Only if the engine can open its connector now; otherwise SQL still knows
     * the stream and a query over it reports what the engine lacks.
     */
    private void shareWithJava(SqlCreateRelation create) {
        if (session == null || create.kind != RelationKind.STREAM) {
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

    /** A table of a format the engine both reads as a table and writes as a sink (e.g. 'parquet'). */
    private static boolean writableTable(Relation table) {
        String connector = table.connector();
        return Providers.tableFormats().contains(connector)
                && Providers.sinkFormats().contains(connector);
    }
}
