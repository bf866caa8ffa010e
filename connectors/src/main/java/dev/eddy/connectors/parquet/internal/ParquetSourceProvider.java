package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.spi.FileStreamOptions;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Format {@code parquet} for reading as a stream. Options: {@code path} (required: a directory),
 * {@code maxFilesPerTrigger} (0 = every new file) or {@code maxBytesPerTrigger}, {@code latestFirst} (see
 * {@link FileStreamOptions}), {@code ignoreCorruptFiles} (false: a file that cannot be read
 * fails the query, naming it, as in Spark), {@code partitionBy} (which declared columns come from directory
 * names when no file exists yet). The schema is the declared one, else that of the files present at start (their
 * footer plus the partition directories); it stays fixed for the query.
 */
public final class ParquetSourceProvider implements SourceProvider {
    @Override
    public String formatName() {
        return "parquet";
    }

    @Override
    public Source createSource(SourceContext ctx) {
        ParquetTableProvider.checkOptions(ctx.options());
        Path dir = Path.of(ctx.requireOption("path"));
        FileStreamOptions limits = FileStreamOptions.from(ctx.options());
        String ignore = ctx.option("ignoreCorruptFiles", "false").trim().toLowerCase(Locale.ROOT);
        if (!ignore.equals("true") && !ignore.equals("false")) {
            throw new IllegalArgumentException(
                    "option 'ignoreCorruptFiles' must be true or false, got '" + ignore + "'");
        }
        ParquetDataset dataset;
        try {
            dataset = ParquetDataset.open(
                    dir, ctx.userSchema().orElse(null), ParquetSinkProvider.columns(ctx.option("partitionBy", "")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage().startsWith("no Parquet files")
                            ? "no Parquet files in " + dir + " to take the schema from; declare it with .schema(...)"
                            : e.getMessage(),
                    e);
        }
        return new ParquetSource(dataset, limits, ignore.equals("true"));
    }
}
