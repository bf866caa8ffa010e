package dev.eddy.sql.internal.catalog;

import dev.eddy.streaming.api.spi.StaticTable;
import java.util.List;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * The rows of a table a format provider opened ({@code CREATE TABLE ... WITH ('connector' = 'parquet')}), read
 * afresh on every scan; a scan that needs only some columns reads only those (column pruning).
 */
public final class ColumnSnapshot implements Supplier<Table> {
    private final String name;
    private final StaticTable table;

    public ColumnSnapshot(String name, StaticTable table) {
        this.name = name;
        this.table = table;
    }

    @Override
    public Table get() {
        return table.readTable(name, List.of());
    }

    /** The provider's table (a stream-static join reads it again before every batch). */
    public StaticTable table() {
        return table;
    }

    /** Only these columns, in this order. */
    public Table get(List<String> columns) {
        return table.readTable(name, columns);
    }
}
