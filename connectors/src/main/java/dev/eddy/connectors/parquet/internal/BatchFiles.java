package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Writes one {@link Batch} as one Parquet file, with no Hadoop classes at runtime. */
public final class BatchFiles {
    private BatchFiles() {}

    /** The codec of a {@code compression} option value: snappy, zstd, gzip, none or uncompressed (any case). */
    public static CompressionCodecName codec(String option) {
        return switch (option.trim().toLowerCase(Locale.ROOT)) {
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "zstd" -> CompressionCodecName.ZSTD;
            case "gzip" -> CompressionCodecName.GZIP;
            case "none", "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
            default ->
                throw new IllegalArgumentException(
                        "option 'compression' must be snappy, zstd, gzip or none, got '" + option + "'");
        };
    }

    /** The file name extension Spark uses for a codec ({@code snappy}, {@code zstd}, ...), or "" for none. */
    public static String extension(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> "";
            case GZIP -> ".gz";
            default -> "." + codec.name().toLowerCase(Locale.ROOT);
        };
    }

    /** Writes {@code batch} to {@code file}, replacing it if it exists. */
    public static void write(Batch batch, Path file, CompressionCodecName codec) throws IOException {
        BatchWriteSupport.RowCursor cursor = new BatchWriteSupport.RowCursor();
        cursor.batch = batch;
        Schema schema = batch.schema();
        try (ParquetWriter<BatchWriteSupport.RowCursor> w = LocalParquetWriter.to(
                        file, () -> new BatchWriteSupport(schema))
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            int n = batch.numRows();
            for (int r = 0; r < n; r++) {
                cursor.row = r;
                w.write(cursor);
            }
        }
    }
}
