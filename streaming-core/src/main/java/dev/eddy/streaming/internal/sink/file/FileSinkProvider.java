package dev.eddy.streaming.internal.sink.file;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.FileFormatProvider;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Formats {@code file}, {@code csv} and {@code json} for writing. Options: {@code path} (required),
 * {@code format} (csv or json, for {@code file}; default json), CSV's {@code header} (default true), {@code sep},
 * {@code quote}. Append mode only, as in Spark: files are immutable once written.
 */
public class FileSinkProvider extends FileFormatProvider implements SinkProvider {

    public FileSinkProvider() {
        this("file", null);
    }

    protected FileSinkProvider(String name, String fixedFormat) {
        super(name, fixedFormat);
    }

    @Override
    public Set<OutputMode> supportedModes() {
        return EnumSet.of(OutputMode.APPEND);
    }

    /** The sink's options, and the file source's (one SQL stream declaration is read and written). */
    @Override
    public Set<String> optionNames() {
        return Set.of(
                "path", "format", "header", "sep", "quote", "maxFilesPerTrigger", "pathGlobFilter", "samplingRecords");
    }

    @Override
    public Sink createSink(SinkContext ctx) {
        String format = textFormat(ctx.option("format", null));
        if (!format.equals("csv") && !format.equals("json")) {
            throw new IllegalArgumentException("file sink format must be csv or json, got '" + format + "'");
        }
        CsvOptions csv = CsvOptions.from(ctx.options());
        boolean header = Boolean.parseBoolean(ctx.option("header", "true"));
        return new FileSink(
                Path.of(ctx.requireOption("path")), format, new CsvOptions(csv.separator(), csv.quote(), header));
    }

    /** Format {@code csv}. */
    public static final class Csv extends FileSinkProvider {
        public Csv() {
            super("csv", "csv");
        }
    }

    /** Format {@code json} (JSON lines). */
    public static final class Json extends FileSinkProvider {
        public Json() {
            super("json", "json");
        }
    }
}
