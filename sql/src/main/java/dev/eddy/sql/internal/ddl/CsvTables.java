package dev.eddy.sql.internal.ddl;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.StaticTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * A static table backed by a CSV file, read with the declared column types each time it is queried, by the engine's
 * {@code csv} table format: the same reader and parser as CSV streams, with Spark's options ({@code header},
 * {@code sep}, {@code quote}, {@code escape}, {@code nullValue}, {@code mode}, {@code columnNameOfCorruptRecord}).
 */
final class CsvTables {
    private CsvTables() {}

    static Supplier<Table> reader(String name, Map<String, String> options, Schema schema, boolean header) {
        Map<String, String> csv = new LinkedHashMap<>(options);
        csv.remove("connector");
        csv.remove("format");
        csv.put("header", Boolean.toString(header));
        StaticTable table = Providers.table("csv").open(csv, Optional.of(schema));
        return () -> table.readTable(name, List.of());
    }
}
