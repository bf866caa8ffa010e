package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.table.Tables;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * A bounded table a {@link TableProvider} opened. {@link #read} returns the data as it is at the time of the call
 * (a SQL table is re-read by every query that scans it). Thread-safe: readers may call it from any thread.
 */
public interface StaticTable {

    /** The table's columns, fixed when it was opened. */
    Schema schema();

    /**
     * The current rows of the given columns (in that order; every column when the list is empty). A format that
     * can should decode only those columns (column pruning).
     */
    Batch read(List<String> columns);

    /**
     * {@link #read} by a query that runs at {@code nowMillis} (epoch milliseconds, its session clock read once): a
     * format that reads Spark's timestamp text puts a time alone ({@code 10:15:30}) on that day, as Spark reads it on
     * the current day. Formats without such values need not override it.
     */
    default Batch read(List<String> columns, long nowMillis) {
        return read(columns);
    }

    /** {@link #read} as a Tablesaw table (TIMESTAMP as Instant), the format SQL and notebooks use. */
    default Table readTable(String name, List<String> columns) {
        return Tables.toTable(name, read(columns));
    }

    /** A short description without secrets, e.g. {@code ParquetTable[/data/clicks]}. */
    String description();
}
