package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

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
        try (ParquetWriter<BatchWriteSupport.RowCursor> w = new Builder(file, batch.schema())
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(LocalCodecs.INSTANCE)
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

    private static final class Builder extends ParquetWriter.Builder<BatchWriteSupport.RowCursor, Builder> {
        private final Schema schema;

        Builder(Path file, Schema schema) {
            super(new LocalOutputFile(file));
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<BatchWriteSupport.RowCursor> getWriteSupport(Configuration conf) {
            return new BatchWriteSupport(schema);
        }

        @Override
        protected WriteSupport<BatchWriteSupport.RowCursor> getWriteSupport(ParquetConfiguration conf) {
            return new BatchWriteSupport(schema);
        }
    }
}
