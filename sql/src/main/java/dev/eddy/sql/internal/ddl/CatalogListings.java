package dev.eddy.sql.internal.ddl;

import dev.eddy.sql.api.NameSuggester;
import dev.eddy.sql.api.Relation;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.spi.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlIdentifier;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** SHOW STREAMS / SHOW TABLES / DESCRIBE as small Tablesaw tables. */
public final class CatalogListings {
    private final SqlCatalog catalog;

    public CatalogListings(SqlCatalog catalog) {
        this.catalog = catalog;
    }

    public Table show(Relation.Kind kind) {
        StringColumn name = StringColumn.create("name");
        StringColumn connector = StringColumn.create("connector");
        StringColumn columns = StringColumn.create("columns");
        StringColumn details = StringColumn.create(kind == Relation.Kind.STREAM ? "watermark" : "options");
        for (Relation r : catalog.list(kind)) {
            name.append(r.name());
            connector.append(r.connector());
            columns.append(r.schema().fields().stream()
                    .map(f -> f.name() + " " + typeName(f))
                    .collect(Collectors.joining(", ")));
            details.append(
                    kind == Relation.Kind.STREAM
                            ? r.watermark()
                                    .map(w -> w.column() + " - " + DdlExecutor.pretty(w.delay()))
                                    .orElse("")
                            : options(r.options()));
        }
        return Table.create(kind == Relation.Kind.STREAM ? "streams" : "tables", name, connector, columns, details);
    }

    public Table describe(SqlIdentifier id) {
        String wanted = DdlExecutor.simpleName(id);
        Relation r = catalog.get(wanted).orElseThrow(() -> {
            List<String> names = new ArrayList<>();
            catalog.all().forEach(x -> names.add(x.name()));
            String hint = NameSuggester.closest(wanted, names)
                    .map(b -> ". Did you mean '" + b + "'?")
                    .orElse("");
            SqlException e = ErrorMessages.at(id.getParserPosition(), "Unknown stream or table '" + wanted + "'");
            return new SqlException(e.getMessage() + hint, e.line(), e.column());
        });
        StringColumn column = StringColumn.create("column");
        StringColumn type = StringColumn.create("type");
        StringColumn nullable = StringColumn.create("nullable");
        StringColumn note = StringColumn.create("note");
        for (Field f : r.schema().fields()) {
            column.append(f.name());
            type.append(typeName(f));
            nullable.append(f.nullable() ? "YES" : "NO");
            note.append(r.watermark()
                    .filter(w -> w.column().equals(f.name()))
                    .map(w -> "watermark: " + w.column() + " - " + DdlExecutor.pretty(w.delay()))
                    .orElse(""));
        }
        return Table.create(r.kind().word() + " " + r.name(), column, type, nullable, note);
    }

    private static String typeName(Field f) {
        return f.type().sqlName().toUpperCase(Locale.ROOT);
    }

    private static String options(Map<String, String> options) {
        // credentials (password, user, secrets in URLs) are never listed
        return Secrets.redacted(options).entrySet().stream()
                .filter(e -> !e.getKey().equals("connector"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(Collectors.joining(", "));
    }
}
