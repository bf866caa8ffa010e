package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Format {@code parquet} for writing. Options: {@code path} (required; {@code start(path)} sets it) and
 * {@code compression} (snappy, the default; zstd; gzip; none/uncompressed). Append mode only, as in Spark: files
 * are immutable once written.
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
        return Set.of("path", "compression");
    }

    @Override
    public Sink createSink(SinkContext ctx) {
        return new ParquetSink(Path.of(ctx.requireOption("path")), BatchFiles.codec(ctx.option("compression", "snappy")));
    }
}
