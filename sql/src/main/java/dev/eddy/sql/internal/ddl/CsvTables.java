package dev.eddy.sql.internal.ddl;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.StaticTable;
import dev.eddy.streaming.internal.table.Tables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.util.Holder;
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
        return () -> {
            Long now = queryTime();
            return Tables.toTable(name, now == null ? table.read(List.of()) : table.read(List.of(), now));
        };
    }

    /**
     * The time of the batch query reading the table (BatchRunner sets it, its session clock read once, through
     * Calcite's statement-time hook on this thread), or null outside one: a time alone in a TIMESTAMP column is on
     * that day, as Spark reads it on the current day.
     */
    private static Long queryTime() {
        Holder<Long> time = Holder.empty();
        Hook.CURRENT_TIME.run(time);
        return time.get();
    }
}
