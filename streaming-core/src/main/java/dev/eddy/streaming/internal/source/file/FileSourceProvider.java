package dev.eddy.streaming.internal.source.file;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.FileFormatProvider;
import dev.eddy.streaming.internal.format.SchemaInference;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.ValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Formats {@code file} (with option {@code format} csv, json or text), {@code csv}, {@code json} and {@code text}.
 * Options: {@code path} (required, a directory), {@code maxFilesPerTrigger}, {@code pathGlobFilter}, CSV's
 * {@code header}, {@code sep}, {@code quote}, {@code mode} and {@code columnNameOfCorruptRecord} (as in Spark; see
 * {@link CsvOptions}), and {@code samplingRecords} (default 1000) for inference. Without a declared schema the schema
 * is inferred once, at start, from the files present then; a declared {@code _corrupt_record} column (for CSV: the
 * {@code columnNameOfCorruptRecord} column) is not needed: it is always added, as the last column.
 */
public class FileSourceProvider extends FileFormatProvider implements SourceProvider {

    public FileSourceProvider() {
        this("file", null);
    }

    protected FileSourceProvider(String name, String fixedFormat) {
        super(name, fixedFormat);
    }

    @Override
    public Source createSource(SourceContext ctx) {
        String format = textFormat(ctx.option("format", null));
        Path dir = Path.of(ctx.requireOption("path"));
        CsvOptions csv = CsvOptions.from(ctx.options());
        TextFileReader reader = new TextFileReader(format.equals("csv"), csv, (int)
                ctx.longOption("maxRecordLines", TextFileReader.DEFAULT_MAX_RECORD_LINES));
        FileLister lister = new FileLister(ctx.option("pathGlobFilter", null));
        boolean isCsv = format.equals("csv");
        String corruptColumn = isCsv ? corruptColumn(ctx, csv) : TextFormats.CORRUPT_RECORD;
        List<ColumnSpec> cols = columns(ctx, format, dir, csv, reader, lister, corruptColumn);
        return new FileSource(
                dir,
                lister,
                (int) ctx.longOption("maxFilesPerTrigger", 0),
                cols,
                TextFormats.parser(format, cols, csv),
                reader,
                corruptColumn,
                isCsv ? csv.mode() : CsvOptions.Mode.PERMISSIVE);
    }

    /**
     * CSV's corrupt-record column: {@code columnNameOfCorruptRecord} when the declared schema has a column of that
     * name (it must be a STRING), else {@code _corrupt_record}.
     */
    private static String corruptColumn(SourceContext ctx, CsvOptions csv) {
        if (ctx.userSchema().isEmpty()) {
            return TextFormats.CORRUPT_RECORD;
        }
        Schema schema = ctx.userSchema().get();
        int at = schema.indexOf(csv.corruptColumn());
        if (at < 0) {
            return TextFormats.CORRUPT_RECORD;
        }
        if (schema.field(at).type() != DataType.STRING) {
            throw new IllegalArgumentException(
                    "the corrupt record column '" + csv.corruptColumn() + "' must be a STRING column");
        }
        return csv.corruptColumn();
    }

    private static List<ColumnSpec> columns(
            SourceContext ctx,
            String format,
            Path dir,
            CsvOptions csv,
            TextFileReader reader,
            FileLister lister,
            String corruptColumn) {
        if (ctx.userSchema().isPresent()) {
            return TextFormats.valueColumns(ctx.userSchema().get(), corruptColumn);
        }
        if (format.equals("text")) {
            return List.of(new ColumnSpec("value", ValueType.STRING));
        }
        List<String> sample;
        try {
            sample = reader.sample(dir, lister.list(dir), (int) ctx.longOption("samplingRecords", 1000));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + " to infer its schema: " + e.getMessage(), e);
        }
        List<ColumnSpec> cols = switch (format) {
            case "csv" -> SchemaInference.inferCsv(sample, csv);
            case "json" -> SchemaInference.inferJson(sample);
            default ->
                throw new IllegalArgumentException(
                        "file source format must be csv, json or text, got '" + format + "'");
        };
        if (cols.isEmpty()) {
            throw new IllegalArgumentException("no " + format + " records in " + dir + " to infer a schema from;"
                    + " declare the schema with .schema(...)");
        }
        return cols;
    }

    /** Format {@code csv}. */
    public static final class Csv extends FileSourceProvider {
        public Csv() {
            super("csv", "csv");
        }
    }

    /** Format {@code json} (JSON lines). */
    public static final class Json extends FileSourceProvider {
        public Json() {
            super("json", "json");
        }
    }

    /** Format {@code text}: one string column {@code value} per line. */
    public static final class Text extends FileSourceProvider {
        public Text() {
            super("text", "text");
        }
    }
}
