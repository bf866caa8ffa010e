package dev.eddy.connectors.parquet.api;

import dev.eddy.connectors.parquet.internal.BatchFiles;
import dev.eddy.connectors.parquet.internal.ParquetDirectoryReader;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.table.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Batch reads (and single-batch writes) of Parquet files, with Spark's type mapping (see connectors/README.md).
 * A path is one file or a directory: in a directory {@code writeStream().format("parquet")} wrote, only committed
 * files are read; in another directory every {@code *.parquet} file not starting with '.' or '_'.
 */
public final class ParquetFiles {
    private ParquetFiles() {}

    /** The schema in the (first) file's footer. */
    public static Schema schema(Path path) {
        return ParquetDirectoryReader.schema(path);
    }

    /** All rows of the given columns (all columns when none are given); only those columns are decoded. */
    public static Batch read(Path path, String... columns) {
        return ParquetDirectoryReader.read(path, List.of(columns));
    }

    /** The same as {@link #read} as a Tablesaw table named after the path's last element. */
    public static Table readTable(Path path, String... columns) {
        return Tables.toTable(path.getFileName().toString(), read(path, columns));
    }

    /** Writes one batch as one Parquet file; compression: snappy, zstd, gzip or none. */
    public static void write(Batch batch, Path file, String compression) {
        try {
            BatchFiles.write(batch, file, BatchFiles.codec(compression));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
