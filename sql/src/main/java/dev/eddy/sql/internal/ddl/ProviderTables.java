package dev.eddy.sql.internal.ddl;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.internal.catalog.ColumnSnapshot;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.StaticTable;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Tables of a connector the engine knows as a bounded-table format ({@code 'connector' = 'parquet'}): opened when
 * the table is created (so the schema comes from the data when no columns are declared), read on every scan.
 */
final class ProviderTables {
    private ProviderTables() {}

    static boolean handles(String connector) {
        return connector != null && Providers.tableFormats().contains(connector);
    }

    static Relation open(String name, Schema declared, Map<String, String> options, SqlParserPos pos) {
        Map<String, String> engineOptions = new LinkedHashMap<>(options);
        String connector = engineOptions.remove("connector");
        StaticTable table;
        try {
            table = Providers.table(connector)
                    .open(engineOptions, declared.size() == 0 ? Optional.empty() : Optional.of(declared));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw ErrorMessages.at(pos, "table '" + name + "': " + e.getMessage());
        }
        return Relation.table(name, table.schema(), options, new ColumnSnapshot(name, table));
    }
}
