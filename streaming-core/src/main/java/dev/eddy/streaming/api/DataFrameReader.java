package dev.eddy.streaming.api;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.StaticTable;
import dev.eddy.streaming.internal.table.Tables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * Reads bounded data once, as Spark's {@code spark.read()}: {@code eddy.read().parquet("/data/clicks")} or
 * {@code eddy.read().format("parquet").option(k, v).load(path)}, giving a Tablesaw table (use
 * {@link Eddy#createDataFrame(Table)} to join it with a stream). Formats come from {@link Providers#table}.
 */
public final class DataFrameReader {
    private String format;
    private final Map<String, String> options = new LinkedHashMap<>();
    private Schema schema;
    private List<String> columns = List.of();

    private final Clock clock;

    /** @param clock the session's clock, read once by {@link #load()} (a time alone in CSV is on its day) */
    DataFrameReader(Clock clock) {
        this.clock = clock;
    }

    public DataFrameReader format(String f) {
        this.format = f;
        return this;
    }

    public DataFrameReader option(String key, String value) {
        options.put(key, value);
        return this;
    }

    public DataFrameReader options(Map<String, String> opts) {
        options.putAll(opts);
        return this;
    }

    /** The columns to read instead of the data's own (a format may fill a column it lacks with nulls). */
    public DataFrameReader schema(Schema s) {
        this.schema = s;
        return this;
    }

    /** Reads only these columns (formats with column pruning decode nothing else). */
    public DataFrameReader columns(String... names) {
        this.columns = List.of(names);
        return this;
    }

    /** The table at {@code path} (option {@code path}). */
    public Table load(String path) {
        option("path", path);
        return load();
    }

    /** The table the options describe. */
    public Table load() {
        if (format == null) {
            throw new IllegalArgumentException("no format: call format(\"parquet\") (or parquet(path)) first");
        }
        StaticTable t = Providers.table(format).open(options, Optional.ofNullable(schema));
        String name = Optional.ofNullable(options.get("path"))
                .map(p -> Path.of(p).getFileName())
                .map(Path::toString)
                .orElse(format);
        return Tables.toTable(name, t.read(columns, clock.millis()));
    }

    /** {@code format("parquet").load(path)}. */
    public Table parquet(String path) {
        return format("parquet").load(path);
    }
}
