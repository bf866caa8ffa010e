package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a Parquet file, or a directory of them, into one {@link Batch} (see {@link ParquetDataset}): in a
 * directory an Eddy sink wrote only committed files, partition columns from Hive-style directory names.
 */
public final class ParquetDirectoryReader {
    private ParquetDirectoryReader() {}

    /** The files {@link #read} would read, in order. */
    public static List<Path> files(Path path) {
        Path root = Files.isRegularFile(path) ? path.getParent() : path;
        return ParquetDataset.listFiles(path).stream().map(root::resolve).toList();
    }

    /** The first file's footer schema plus the partition columns. */
    public static Schema schema(Path path) {
        return ParquetDataset.open(path, null).schema();
    }

    /**
     * Reads {@code columns} (all when empty) of every file. Only the requested columns are decoded: the rest are
     * pruned from the read schema, so their pages are never read.
     */
    public static Batch read(Path path, List<String> columns) {
        return ParquetDataset.open(path, null).read(columns);
    }
}
