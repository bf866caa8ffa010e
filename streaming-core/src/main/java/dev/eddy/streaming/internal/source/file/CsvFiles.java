package dev.eddy.streaming.internal.source.file;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole CSV file into one batch of a declared schema with the same reader and parser as CSV streams (records
 * split by {@link TextFileReader}, values by the CSV {@code RecordParser}; a line without quotes goes from its bytes
 * straight into the row), with Spark's {@code mode}: PERMISSIVE keeps a malformed record as a row of nulls whose
 * text is in the {@code columnNameOfCorruptRecord} column if the schema declares one (a STRING column, anywhere),
 * DROPMALFORMED leaves it out, FAILFAST stops with an error naming it. The header, if any, is matched by position.
 */
public final class CsvFiles {
    private CsvFiles() {}

    /** The rows read and how many records were malformed. */
    public record Result(Batch batch, long malformed) {}

    public static Result read(Path file, Schema schema, CsvOptions options) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), schema, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads CSV bytes; {@code name} names the input in errors. */
    public static Result read(InputStream bytes, String name, Schema schema, CsvOptions options) throws IOException {
        int corrupt = schema.indexOf(options.corruptColumn());
        if (corrupt >= 0 && schema.field(corrupt).type() != DataType.STRING) {
            throw new IllegalArgumentException(
                    "the corrupt record column '" + options.corruptColumn() + "' must be a STRING column");
        }
        List<Field> values = new ArrayList<>(schema.fields());
        if (corrupt >= 0) {
            values.remove(corrupt);
        }
        List<ColumnSpec> columns = TextFormats.columns(Schema.of(values));
        List<Field> read = new ArrayList<>(values);
        read.add(Field.of(options.corruptColumn(), DataType.STRING)); // last while reading, moved after
        Sink sink = new Sink(
                Batch.builder(Schema.of(read), 1024),
                new ParsedRow(columns),
                TextFormats.parser("csv", columns, options),
                options,
                name);
        new TextFileReader(true, options).forEachRecord(bytes, sink);
        Batch batch = sink.out.build();
        Column[] cols = new Column[schema.size()];
        for (int i = 0, v = 0; i < cols.length; i++) {
            cols[i] = i == corrupt ? batch.column(values.size()) : batch.column(v++);
        }
        return new Result(Batch.of(schema, cols), sink.malformed);
    }

    private static final class Sink implements TextFileReader.Records {
        private final BatchBuilder out;
        private final ParsedRow row;
        private final TextFormats.RecordParser parser;
        private final CsvOptions options;
        private final String name;
        private long records;
        private long malformed;

        Sink(BatchBuilder out, ParsedRow row, TextFormats.RecordParser parser, CsvOptions options, String name) {
            this.out = out;
            this.row = row;
            this.parser = parser;
            this.options = options;
            this.name = name;
        }

        @Override
        public void record(String text, boolean badBytes) {
            records++;
            boolean partial = false;
            if (!badBytes) {
                if (parser.parse(text, row)) {
                    TextFormats.write(row, out, 0);
                    out.endRow();
                    return;
                }
                partial = row.partial;
            }
            malformed++;
            switch (options.mode()) {
                case PERMISSIVE -> {
                    if (partial) {
                        TextFormats.write(row, out, 0); // the values that did parse, as Spark keeps them
                    }
                    out.setString(row.size(), Texts.stripLineEnd(text)); // as Spark's corrupt-record text
                    out.endRow();
                }
                case DROPMALFORMED -> {}
                case FAILFAST ->
                    throw new IllegalArgumentException(
                            name + ": malformed CSV record " + records + " (mode FAILFAST): " + shorten(text));
            }
        }

        @Override
        public boolean rawLine(byte[] b, int off, int len) {
            if (!parser.decodeFast(b, off, len, out)) {
                return false;
            }
            records++;
            out.endRow();
            return true;
        }

        private static String shorten(String text) {
            String one = text.replace("\n", "\\n").replace("\r", "\\r");
            return one.length() > 200 ? one.substring(0, 200) + "..." : one;
        }
    }
}
