package dev.eddy.streaming.internal.source.file;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.FileStreamOptions;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Formats {@code file} (with option {@code format} csv, json or text), {@code csv}, {@code json} and {@code text}.
 * Options ({@link #optionNames()}; any other is refused, naming it): {@code path} (required, a directory), Spark's
 * file stream options {@code maxFilesPerTrigger}, {@code maxBytesPerTrigger}, {@code latestFirst} (see
 * {@link FileStreamOptions}), {@code pathGlobFilter}, {@code modifiedBefore}/{@code modifiedAfter},
 * {@code fileNameOnly}, {@code recursiveFileLookup} (false only) and {@code cleanSource} (off only), CSV's {@code
 * header}, {@code sep}/{@code delimiter}, {@code quote}, {@code escape}, {@code charToEscapeQuoteEscaping}, {@code
 * nullValue}, {@code emptyValue}, {@code ignoreLeadingWhiteSpace}, {@code ignoreTrailingWhiteSpace}, {@code
 * multiLine} (CSV and JSON: see {@link TextFileReader}), and for CSV and JSON
 * {@code mode}, {@code columnNameOfCorruptRecord}, {@code dateFormat}, {@code timestampFormat} and {@code
 * enableDateTimeParsingFallback} (as in Spark; see {@link CsvOptions}), and {@code
 * samplingRecords} (default 1000) for inference. Without a declared schema the schema
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

    /** Every option this source reads; {@code load()} refuses any other, naming it. */
    static final Set<String> OPTIONS = Set.of(
            "path",
            "format",
            "maxFilesPerTrigger",
            "maxBytesPerTrigger",
            "latestFirst",
            "fileNameOnly",
            "pathGlobFilter",
            "modifiedBefore",
            "modifiedAfter",
            "recursiveFileLookup",
            "cleanSource",
            "inferSchema",
            "header",
            "sep",
            "delimiter",
            "quote",
            "escape",
            "charToEscapeQuoteEscaping",
            "emptyValue",
            "ignoreLeadingWhiteSpace",
            "ignoreTrailingWhiteSpace",
            "multiLine",
            "nullValue",
            "mode",
            "columnNameOfCorruptRecord",
            "dateFormat",
            "timestampFormat",
            "enableDateTimeParsingFallback",
            "samplingRecords",
            "maxRecordLines",
            "preferDate");

    /** Spark's file stream options Eddy does not support, with why. */
    static final Map<String, String> UNSUPPORTED = Map.of(
            "maxfileage",
            "Eddy never forgets a file it has read (its offsets list them), so there is no age after which files are"
                    + " ignored; move old files out of the directory instead",
            "sourcearchivedir",
            "Eddy does not move or delete source files (cleanSource archive/delete); move them yourself once a"
                    + " batch that read them has committed",
            "encoding",
            "files are read as UTF-8",
            "charset",
            "files are read as UTF-8",
            "ignorecorruptfiles",
            "CSV and JSON files are read record by record: malformed records follow 'mode'",
            "timestampntzformat",
            "Eddy has no TIMESTAMP_NTZ type (its timestamps are instants, read in UTC when the text has no zone);"
                    + " use 'timestampFormat'");

    @Override
    public Set<String> optionNames() {
        return OPTIONS;
    }

    @Override
    public Map<String, String> unsupportedOptions() {
        return UNSUPPORTED;
    }

    @Override
    public Source createSource(SourceContext ctx) {
        String format = textFormat(ctx.option("format", null));
        Path dir = Path.of(ctx.requireOption("path"));
        checkValues(ctx);
        FileStreamOptions limits = FileStreamOptions.from(ctx.options()); // checked before any file is read
        // a time alone in a TIMESTAMP column is on the engine clock's day when its file is read, as Spark's current day
        CsvOptions csv = CsvOptions.from(ctx.options());
        csv = csv.withDatetimes(csv.datetimes().withClock(ctx.clock()::millis));
        if (csv.multiLine() && format.equals("text")) {
            throw new IllegalArgumentException("option 'multiLine' = true is only supported for CSV and JSON files:"
                    + " a text file is read one line per row");
        }
        TextFileReader reader = new TextFileReader(format.equals("csv"), csv, (int)
                ctx.longOption("maxRecordLines", TextFileReader.DEFAULT_MAX_RECORD_LINES));
        FileLister lister = new FileLister(
                ctx.option("pathGlobFilter", null),
                instant(ctx, "modifiedAfter", Long.MIN_VALUE),
                instant(ctx, "modifiedBefore", Long.MAX_VALUE));
        // text lines are never malformed; CSV and JSON records follow Spark's mode and corrupt-record column
        String corruptColumn = corruptColumn(ctx, csv);
        List<ColumnSpec> cols = columns(ctx, format, dir, csv, reader, lister, corruptColumn);
        return new FileSource(
                dir,
                lister,
                limits,
                cols,
                TextFormats.parser(format, cols, csv),
                reader,
                corruptColumn,
                csv.mode(),
                format.toUpperCase(Locale.ROOT));
    }

    /** The options Eddy takes only with the value Spark's default has (any other is refused, naming it). */
    private static void checkValues(SourceContext ctx) {
        bool(ctx, "fileNameOnly");
        if (bool(ctx, "recursiveFileLookup", false)) {
            throw new IllegalArgumentException("option 'recursiveFileLookup' = true is not supported: the file source"
                    + " reads the files directly in its directory; put the files there, or start one stream per"
                    + " directory and union them");
        }
        if (!bool(ctx, "inferSchema", true)) {
            throw new IllegalArgumentException("option 'inferSchema' = false is not supported: without a declared"
                    + " schema Eddy infers the column types; declare STRING columns with .schema(...) to read text");
        }
        String clean = ctx.option("cleanSource", "off").trim();
        if (!clean.equalsIgnoreCase("off")) {
            throw new IllegalArgumentException("option 'cleanSource' = '" + clean + "' is not supported: Eddy does not"
                    + " archive or delete source files; leave it 'off' and move them yourself once a batch that read"
                    + " them has committed");
        }
    }

    private static void bool(SourceContext ctx, String key) {
        bool(ctx, key, false);
    }

    private static boolean bool(SourceContext ctx, String key, boolean dflt) {
        String v = ctx.option(key, Boolean.toString(dflt)).trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(
                    "Invalid value '" + v + "' for option '" + key + "', must be 'true' or 'false'");
        }
        return Boolean.parseBoolean(v);
    }

    /**
     * {@code modifiedBefore}/{@code modifiedAfter}: Spark's form {@code 2024-05-01T10:00:00} (read in UTC, Eddy's
     * time zone) or an instant with an offset ({@code 2024-05-01T10:00:00Z}); epoch milliseconds.
     */
    private static long instant(SourceContext ctx, String key, long dflt) {
        String v = ctx.option(key, null);
        if (v == null) {
            return dflt;
        }
        String t = v.trim();
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(
                        "option '" + key + "' must be a time like 2024-05-01T10:00:00" + " (UTC), got '" + v + "'");
            }
        }
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
