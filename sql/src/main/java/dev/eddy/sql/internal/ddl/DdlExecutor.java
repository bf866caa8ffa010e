package dev.eddy.sql.internal.ddl;

import dev.eddy.sql.api.NameSuggester;
import dev.eddy.sql.api.Relation;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.api.WatermarkSpec;
import dev.eddy.sql.internal.catalog.CalciteTypes;
import dev.eddy.sql.internal.parser.RelationKind;
import dev.eddy.sql.internal.parser.SqlColumn;
import dev.eddy.sql.internal.parser.SqlCreateRelation;
import dev.eddy.sql.internal.parser.SqlDropRelation;
import dev.eddy.sql.internal.parser.SqlWatermark;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.type.SqlTypeFamily;

/** Executes CREATE and DROP of streams and tables; every check reports the position of the fault. */
public final class DdlExecutor {
    private final SqlCatalog catalog;

    public DdlExecutor(SqlCatalog catalog) {
        this.catalog = catalog;
    }

    public String create(SqlCreateRelation create) {
        String name = simpleName(create.name);
        Relation.Kind kind = kindOf(create.kind);
        Optional<Relation> existing = catalog.get(name);
        if (existing.isPresent() && !create.getReplace()) {
            if (create.ifNotExists) {
                return existing.get().kind().word() + " '" + existing.get().name() + "' already exists, not changed";
            }
            throw ErrorMessages.at(
                    create.name.getParserPosition(),
                    capital(existing.get().kind().word()) + " '"
                            + existing.get().name() + "' already exists (use CREATE OR REPLACE or IF NOT EXISTS)");
        }
        Schema schema = schema(create);
        Map<String, String> options = options(create);
        if (schema.size() == 0 && !(kind == Relation.Kind.TABLE && ProviderTables.handles(options.get("connector")))) {
            throw ErrorMessages.at(
                    create.name.getParserPosition(),
                    "Declare the columns of " + kind.word() + " '" + name
                            + "', e.g. CREATE " + kind.name() + " " + name + " (id BIGINT, name STRING) WITH (...)"
                            + " (only a table of a connector that stores its schema, such as 'parquet', may leave them out)");
        }
        Relation relation;
        if (kind == Relation.Kind.STREAM) {
            options = ConnectorOptions.checkStream(options, create.getParserPosition());
            relation = Relation.stream(name, schema, options, watermark(create, schema));
        } else {
            if (!create.watermarks.isEmpty()) {
                throw ErrorMessages.at(
                        create.watermarks.get(0).getParserPosition(),
                        "WATERMARK is only allowed on a stream; '" + name + "' is a table");
            }
            options = ConnectorOptions.checkTable(options, create.getParserPosition());
            if (ProviderTables.handles(options.get("connector"))) { // the columns may come from the data
                relation = ProviderTables.open(name, schema, options, create.getParserPosition());
                schema = relation.schema();
                catalog.put(relation);
                return (existing.isPresent() ? "Replaced " : "Created ") + kind.word() + " '" + name + "' ("
                        + schema.size() + " columns)";
            }
            String headerOption = options.getOrDefault("header", "true").trim();
            if (!headerOption.equalsIgnoreCase("true") && !headerOption.equalsIgnoreCase("false")) {
                throw ErrorMessages.at(
                        create.getParserPosition(),
                        "table '" + name + "': option 'header' must be 'true' or 'false', got '" + headerOption + "'");
            }
            boolean header = headerOption.equalsIgnoreCase("true");
            try {
                relation = Relation.table(name, schema, options, CsvTables.reader(name, options, schema, header));
            } catch (IllegalArgumentException e) {
                throw ErrorMessages.at(create.getParserPosition(), "table '" + name + "': " + e.getMessage());
            }
        }
        catalog.put(relation);
        return (existing.isPresent() ? "Replaced " : "Created ") + kind.word() + " '" + name + "' ("
                + schema.size() + " columns"
                + relation.watermark()
                        .map(w -> ", watermark on " + w.column() + " delayed " + pretty(w.delay()))
                        .orElse("")
                + ")";
    }

    public String drop(SqlDropRelation drop) {
        String name = simpleName(drop.name);
        Relation.Kind kind = kindOf(drop.kind);
        Optional<Relation> existing = catalog.get(name);
        if (existing.isEmpty()) {
            if (drop.ifExists) {
                return "No " + kind.word() + " '" + name + "', nothing dropped";
            }
            List<String> names = new ArrayList<>();
            catalog.list(kind).forEach(r -> names.add(r.name()));
            String hint = NameSuggester.closest(name, names)
                    .map(b -> ". Did you mean '" + b + "'?")
                    .orElse("");
            SqlException e =
                    ErrorMessages.at(drop.name.getParserPosition(), "Unknown " + kind.word() + " '" + name + "'");
            throw new SqlException(e.getMessage() + hint, e.line(), e.column());
        }
        if (existing.get().kind() != kind) {
            throw ErrorMessages.at(
                    drop.name.getParserPosition(),
                    "'" + existing.get().name() + "' is a "
                            + existing.get().kind().word() + "; use DROP "
                            + existing.get().kind().name());
        }
        catalog.remove(name);
        return "Dropped " + kind.word() + " '" + existing.get().name() + "'";
    }

    private static Schema schema(SqlCreateRelation create) {
        List<Field> fields = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (SqlNode node : create.columns) {
            SqlColumn column = (SqlColumn) node;
            String name = column.name.getSimple();
            if (seen.contains(name.toLowerCase(Locale.ROOT))) {
                throw ErrorMessages.at(column.name.getParserPosition(), "Duplicate column '" + name + "'");
            }
            seen.add(name.toLowerCase(Locale.ROOT));
            String typeName = column.type.getTypeName().getSimple();
            DataType type = CalciteTypes.fromDdlName(typeName)
                    .orElseThrow(() -> ErrorMessages.at(
                            column.type.getParserPosition(),
                            "Unknown type '" + typeName + "' for column '" + name
                                    + "' (use STRING, INT, BIGINT, DOUBLE, BOOLEAN, DATE or TIMESTAMP)"));
            fields.add(new Field(name, type, !Boolean.FALSE.equals(column.type.getNullable()), List.of()));
        }
        return Schema.of(fields);
    }

    private static Optional<WatermarkSpec> watermark(SqlCreateRelation create, Schema schema) {
        if (create.watermarks.isEmpty()) {
            return Optional.empty();
        }
        if (create.watermarks.size() > 1) {
            throw ErrorMessages.at(create.watermarks.get(1).getParserPosition(), "Only one WATERMARK per stream");
        }
        SqlWatermark w = (SqlWatermark) create.watermarks.get(0);
        String column = w.column.getSimple();
        int index = schema.indexOf(column);
        if (index < 0) {
            index = caseInsensitiveIndex(schema, column);
        }
        if (index < 0) {
            String hint = NameSuggester.closest(column, schema.names())
                    .map(b -> ". Did you mean '" + b + "'?")
                    .orElse("");
            SqlException e =
                    ErrorMessages.at(w.column.getParserPosition(), "WATERMARK FOR unknown column '" + column + "'");
            throw new SqlException(e.getMessage() + hint, e.line(), e.column());
        }
        Field f = schema.field(index);
        if (f.type() != DataType.TIMESTAMP) {
            throw ErrorMessages.at(
                    w.column.getParserPosition(),
                    "WATERMARK column '" + f.name() + "' must be a TIMESTAMP, not "
                            + f.type().sqlName().toUpperCase(Locale.ROOT));
        }
        return Optional.of(new WatermarkSpec(f.name(), delay(w, f.name())));
    }

    /** {@code ts} (no delay) or {@code ts - INTERVAL '10' SECOND}. */
    private static Duration delay(SqlWatermark w, String column) {
        SqlNode e = w.expression;
        if (e instanceof SqlIdentifier id && id.getSimple().equalsIgnoreCase(column)) {
            return Duration.ZERO;
        }
        if (e.getKind() == SqlKind.MINUS
                && e instanceof SqlBasicCall call
                && call.operand(0) instanceof SqlIdentifier id
                && id.getSimple().equalsIgnoreCase(column)
                && call.operand(1) instanceof SqlIntervalLiteral interval) {
            SqlIntervalLiteral.IntervalValue v = interval.getValueAs(SqlIntervalLiteral.IntervalValue.class);
            if (v.getIntervalQualifier().isYearMonth()) {
                throw ErrorMessages.at(
                        interval.getParserPosition(),
                        "A watermark delay is an interval of days, hours, minutes or seconds, not " + interval);
            }
            long millis;
            try {
                millis = SqlParserUtil.intervalToMillis(v);
            } catch (RuntimeException unreadable) {
                throw ErrorMessages.at(
                        interval.getParserPosition(), "The watermark delay " + interval + " cannot be read");
            }
            if (millis < 0) {
                throw ErrorMessages.at(
                        interval.getParserPosition(), "A watermark delay must not be negative, not " + interval);
            }
            return Duration.ofMillis(millis);
        }
        throw ErrorMessages.at(
                e.getParserPosition(),
                "WATERMARK FOR " + column + " AS must be '" + column + "' or '" + column + " - INTERVAL ...', e.g. "
                        + column + " - INTERVAL '10' SECOND");
    }

    private static Map<String, String> options(SqlCreateRelation create) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < create.options.size(); i += 2) {
            // the parser gives a literal chain ('conn' 'ector') as a call; a name may be any literal the grammar has
            SqlLiteral key = SqlLiteral.unchain(create.options.get(i));
            SqlLiteral value = SqlLiteral.unchain(create.options.get(i + 1));
            if (key.getTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
                throw ErrorMessages.at(
                        key.getParserPosition(),
                        "An option name is a string in quotes, e.g. 'connector' = 'memory', not " + shown(key));
            }
            String k = key.getValueAs(String.class).toLowerCase(Locale.ROOT);
            if (options.containsKey(k)) {
                throw ErrorMessages.at(key.getParserPosition(), "Option '" + k + "' is given twice");
            }
            SqlTypeFamily family = value.getTypeName().getFamily();
            boolean known = family == SqlTypeFamily.CHARACTER
                    || family == SqlTypeFamily.NUMERIC
                    || family == SqlTypeFamily.BOOLEAN;
            if (!known || value.getValue() == null) {
                throw ErrorMessages.at(
                        value.getParserPosition(),
                        "Option '" + k + "' takes a string, a number or TRUE/FALSE, not " + shown(value));
            }
            String v = family == SqlTypeFamily.CHARACTER
                    ? value.getValueAs(String.class)
                    : String.valueOf(value.getValue());
            options.put(k, k.equals("connector") || k.equals("format") ? v.toLowerCase(Locale.ROOT) : v);
        }
        return options;
    }

    /** A literal as the user wrote it, cut to 40 characters. */
    private static String shown(SqlLiteral literal) {
        String text = literal.toString().replace('\n', ' ');
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static int caseInsensitiveIndex(Schema schema, String column) {
        for (int i = 0; i < schema.size(); i++) {
            if (schema.field(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    static String simpleName(SqlIdentifier id) {
        return id.names.get(id.names.size() - 1);
    }

    private static Relation.Kind kindOf(RelationKind kind) {
        return kind == RelationKind.STREAM ? Relation.Kind.STREAM : Relation.Kind.TABLE;
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String pretty(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
