package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.spi.Options;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Format {@code parquet} for writing. Options: {@code path} (required; {@code start(path)} sets it),
 * {@code compression} (snappy, the default; zstd; gzip; none/uncompressed), {@code partitionBy} (comma-separated
 * columns; {@code writeStream().partitionBy(...)} sets it) and {@code maxRecordsPerFile} (0 = no limit). Append
 * mode only, as in Spark: files are immutable once written.
 */
public final class ParquetSinkProvider implements SinkProvider {
    @Override
    public String formatName() {
        return "parquet";
    }

    @Override
    public Set<OutputMode> supportedModes() {
        return EnumSet.of(OutputMode.APPEND);
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("path", "compression", "partitionBy", "maxRecordsPerFile");
    }

    @Override
    public Sink createSink(SinkContext ctx) {
        List<String> partitionBy = columns(ctx.option("partitionBy", ""));
        ParquetSink.checkPartitionColumns(ctx.schema(), partitionBy);
        long max = Options.getLong(ctx.options(), "maxRecordsPerFile", 0);
        if (max < 0) {
            throw new IllegalArgumentException("option 'maxRecordsPerFile' must be 0 (no limit) or more, got " + max);
        }
        return new ParquetSink(
                Path.of(ctx.requireOption("path")),
                BatchFiles.codec(ctx.option("compression", "snappy")),
                partitionBy,
                max);
    }

    /** A comma-separated column list ("" for none). */
    public static List<String> columns(String option) {
        return Arrays.stream(option.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
