package dev.eddy.streaming.api.data;

import dev.eddy.streaming.internal.table.Tables;
import tech.tablesaw.api.Table;

/** Conversions between engine batches and Tablesaw tables (the format at the edges), for other modules. */
public final class BatchTables {
    private BatchTables() {
    }

    /** A Tablesaw table with the batch's rows (timestamps as UTC date-times, structs flattened as the engine does). */
    public static Table toTable(String name, Batch batch) {
        return Tables.toTable(name, batch);
    }

    /** An engine batch with the table's rows. */
    public static Batch fromTable(Table table) {
        return Tables.fromTable(table);
    }
}
