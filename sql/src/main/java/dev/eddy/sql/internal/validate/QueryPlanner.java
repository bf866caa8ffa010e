package dev.eddy.sql.internal.validate;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.sql.internal.catalog.CatalogSchema;
import dev.eddy.sql.internal.parser.SparkWindowOperator;
import dev.eddy.sql.internal.spark.SparkAggregates;
import dev.eddy.sql.internal.spark.SparkConvertlets;
import dev.eddy.sql.internal.spark.SparkOperators;
import dev.eddy.sql.internal.window.WindowStruct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/** Validates a query against the catalog and converts it to Calcite's logical plan. */
public final class QueryPlanner {
    private static final List<String> WINDOW_COLUMNS = List.of("window_start", "window_end", "window_time");

    private final SqlCatalog catalog;

    public QueryPlanner(SqlCatalog catalog) {
        this.catalog = catalog;
    }

    /** Validates {@code query} (a SELECT, set operation, or INSERT ... SELECT) and plans it. */
    public PlannedQuery plan(SqlNode query) {
        SqlParserPos semiJoin = LeftSemiJoins.rewriteAll(query);
        List<Relation> reads = referencedRelations(query);
        if (semiJoin != null && reads.stream().noneMatch(Relation::isStream)) {
            throw ErrorMessages.at(
                    semiJoin,
                    "LEFT SEMI JOIN runs on streams only yet",
                    "over tables write WHERE EXISTS (SELECT 1 FROM r WHERE <the ON condition>)");
        }
        if (query instanceof SqlInsert insert) {
            checkInsertWidth(insert);
        }
        JavaTypeFactoryImpl types = new JavaTypeFactoryImpl(Dialect.TYPE_SYSTEM);
        CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", new CatalogSchema(catalog));
        CalciteCatalogReader reader = new CalciteCatalogReader(root, List.of(), types, connectionConfig());
        SqlValidator validator = SqlValidatorUtil.newValidator(
                SqlOperatorTables.chain(
                        SparkOperators.TABLE,
                        SparkOperators.withoutShadowed(SqlStdOperatorTable.instance()),
                        EddyFunctions.TABLE,
                        LeftSemiJoins.TABLE,
                        WindowStruct.TABLE,
                        reader),
                reader,
                types,
                Dialect.VALIDATOR);
        SqlNode validated;
        try {
            validated = validator.validate(query);
        } catch (CalciteContextException e) {
            throw ErrorMessages.validation(e, reads, WINDOW_COLUMNS, allNames());
        } catch (RuntimeException e) {
            // Calcite occasionally fails inside validation without a position; never let that escape raw
            throw ErrorMessages.at(query.getParserPosition(), "Invalid query (" + e.getMessage() + ")");
        }
        LiteralCasts.check(
                validated,
                validator,
                id -> catalog.get(id.names.get(id.names.size() - 1))
                        .filter(r -> !r.isStream() && r.connector().equals("java"))
                        .isPresent());
        CaseTypeChecks.check(validated, validator);
        Relation sink = null;
        RelRoot rel;
        try {
            boolean streaming = reads.stream().anyMatch(Relation::isStream);
            rel = converter(validator, reader, types, streaming).convertQuery(validated, false, true);
            rel = rel.withRel(SparkAggregates.restore(rel.rel));
        } catch (RuntimeException | AssertionError e) {
            throw ErrorMessages.at(
                    query.getParserPosition(),
                    "Cannot plan this query: "
                            + e.getMessage().lines().findFirst().orElse(e.toString()));
        }
        if (validated instanceof SqlInsert insert) {
            sink = relationOf((SqlIdentifier) insert.getTargetTable());
            if (sink.isStream() && List.of("rate", "socket").contains(sink.connector())) {
                throw ErrorMessages.at(
                        insert.getTargetTable().getParserPosition(),
                        "Cannot INSERT INTO '" + sink.name() + "'",
                        "a '" + sink.connector() + "' stream is a source only; write to a topic, kafka, file or memory"
                                + " stream");
            }
            String sinkName = sink.name();
            reads.removeIf(r -> r.name().equalsIgnoreCase(sinkName));
            // plan the rows to write: the input of the table modification, with the sink's column names
            RelNode source = rel.rel.getInput(0);
            rel = RelRoot.of(source, insert.getSource().getKind());
        }
        return new PlannedQuery(validated, rel, List.copyOf(reads), sink);
    }

    private static SqlToRelConverter converter(
            SqlValidator validator, CalciteCatalogReader reader, JavaTypeFactoryImpl types, boolean streaming) {
        VolcanoPlanner planner = new VolcanoPlanner();
        // batch queries run this plan on Calcite's enumerable engine (BatchRunner), which optimises it here
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        RelOptUtil.registerDefaultRules(planner, false, false);
        RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(types));
        // the builder must not drop a Project under an aggregate (or merge it away) when nothing reads its
        // explode(...): that would count input rows instead of exploded ones
        SqlToRelConverter.Config defaults = SqlToRelConverter.config();
        SqlToRelConverter.Config config = defaults.withTrimUnusedFields(false)
                .withExpand(false)
                // a streaming IN list stays a predicate (the engine has no VALUES to join with); batch keeps Calcite's
                // join with VALUES for long lists, which its enumerable engine runs fast
                .withInSubQueryThreshold(
                        streaming ? Integer.MAX_VALUE : SqlToRelConverter.DEFAULT_IN_SUB_QUERY_THRESHOLD)
                .withRelBuilderConfigTransform(b -> defaults.getRelBuilderConfigTransform()
                        .apply(b)
                        .withPruneInputOfAggregate(false)
                        .withBloat(-1));
        return new SqlToRelConverter(
                (rowType, sql, schemaPath, viewPath) -> {
                    throw new UnsupportedOperationException("views are not supported");
                },
                validator,
                reader,
                cluster,
                SparkConvertlets.INSTANCE,
                config);
    }

    /** Calcite's own check of this fails with an index error when types are coerced, so check first. */
    private void checkInsertWidth(SqlInsert insert) {
        if (!(insert.getSource() instanceof SqlSelect select)
                || select.getSelectList() == null
                || select.getSelectList().stream().anyMatch(n -> n instanceof SqlIdentifier id && id.isStar())) {
            return;
        }
        Relation sink = relationOf((SqlIdentifier) insert.getTargetTable());
        int target = insert.getTargetColumnList() != null
                ? insert.getTargetColumnList().size()
                : sink.schema().size();
        int source = select.getSelectList().size();
        if (target != source) {
            throw ErrorMessages.at(
                    select.getSelectList().getParserPosition(),
                    "INSERT INTO " + sink.name() + " needs " + target + " columns but the SELECT gives " + source);
        }
    }

    static CalciteConnectionConfig connectionConfig() {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
        p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
        p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), Dialect.CONFORMANCE.name());
        return new CalciteConnectionConfigImpl(p);
    }

    private List<String> allNames() {
        List<String> names = new ArrayList<>();
        catalog.all().forEach(r -> names.add(r.name()));
        return names;
    }

    private Relation relationOf(SqlIdentifier id) {
        return catalog.declared(id.names.get(id.names.size() - 1))
                .orElseThrow(() -> ErrorMessages.at(id.getParserPosition(), "Unknown stream or table '" + id + "'"));
    }

    /** Catalog entries named anywhere in the statement (FROM items, INSERT target, TABLE arguments). */
    List<Relation> referencedRelations(SqlNode query) {
        Map<String, Relation> found = new LinkedHashMap<>();
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                if (!id.isStar()) {
                    catalog.get(id.names.get(id.names.size() - 1))
                            .ifPresent(r -> found.put(r.name().toLowerCase(Locale.ROOT), r));
                }
                return null;
            }

            @Override
            public Void visit(SqlCall call) {
                if (call.getOperator() instanceof SparkWindowOperator || call.getKind() == SqlKind.DESCRIPTOR) {
                    return null;
                }
                return super.visit(call);
            }
        });
        return new ArrayList<>(found.values());
    }
}
