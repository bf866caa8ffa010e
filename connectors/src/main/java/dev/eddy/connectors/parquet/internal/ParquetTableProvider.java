package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Options;
import dev.eddy.streaming.api.spi.StaticTable;
import dev.eddy.streaming.api.spi.TableProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Format {@code parquet} as a bounded table ({@code eddy.read().parquet(path)}, SQL {@code CREATE TABLE ... WITH
 * ('connector' = 'parquet', 'path' = ...)}). The schema is the declared one, else the first file's plus the
 * partition columns of its directories; every read lists the committed files again, so a table over a sink's
 * output sees each batch once it is committed. The sink's and the stream's options are accepted too, so one
 * {@code WITH} clause serves a table that is written with INSERT INTO and read with SELECT.
 */
public final class ParquetTableProvider implements TableProvider {
    static final Set<String> OPTIONS = Set.of(
            "path",
            "compression",
            "partitionby",
            "maxrecordsperfile",
            "maxbytespertrigger",
            "latestfirst",
            "maxfilespertrigger",
            "ignorecorruptfiles",
            "format");

    @Override
    public String formatName() {
        return "parquet";
    }

    @Override
    public StaticTable open(Map<String, String> options, Optional<Schema> declared) {
        Map<String, String> o = Options.normalize(options);
        checkOptions(o);
        Path path = Path.of(Options.require(o, "path"));
        List<String> partitionBy = ParquetSinkProvider.columns(Options.get(o, "partitionBy", ""));
        ParquetDataset dataset = ParquetDataset.open(path, declared.orElse(null), partitionBy);
        return new StaticTable() {
            @Override
            public Schema schema() {
                return dataset.schema();
            }

            @Override
            public Batch read(List<String> columns) {
                return dataset.read(columns.isEmpty() ? dataset.readableColumns() : columns);
            }

            @Override
            public String description() {
                return "ParquetTable[" + path + "]";
            }
        };
    }

    static void checkOptions(Map<String, String> normalized) {
        for (String k : normalized.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw new IllegalArgumentException(
                        "unknown Parquet option '" + k + "' (known: " + new TreeSet<>(OPTIONS) + ")");
            }
        }
    }
}
