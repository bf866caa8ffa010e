package dev.eddy.streaming.internal.source.file;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.StaticTable;
import dev.eddy.streaming.api.spi.TableProvider;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.SchemaInference;
import dev.eddy.streaming.internal.format.TextFormats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Format {@code csv} as a bounded table ({@code eddy.read().format("csv").load(path)}; SQL's CSV tables): a file, or
 * the data files of a directory in {@link FileLister}'s order, read on every {@link StaticTable#read} by
 * {@link CsvFiles} with the CSV stream's options ({@code header}, {@code sep}, {@code quote}, {@code escape},
 * {@code nullValue}, {@code mode}, {@code columnNameOfCorruptRecord}, {@code samplingRecords}). Without a declared
 * schema the columns are inferred once, when the table is opened, as the CSV stream does.
 */
public final class CsvTableProvider implements TableProvider {
    @Override
    public String formatName() {
        return "csv";
    }

    @Override
    public StaticTable open(Map<String, String> options, Optional<Schema> declared) {
        String path = options.get("path");
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("format 'csv' needs option 'path' (a file or a directory)");
        }
        CsvOptions csv = CsvOptions.from(options);
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no file or directory " + p);
        }
        Schema schema = declared.orElseGet(() -> infer(p, csv, options));
        return new CsvTable(p, schema, csv);
    }

    private static Schema infer(Path p, CsvOptions csv, Map<String, String> options) {
        TextFileReader reader = new TextFileReader(true, csv);
        List<String> sample;
        try {
            sample = reader.sample(
                    dir(p),
                    files(p),
                    Integer.parseInt(
                            options.getOrDefault("samplingrecords", "1000").trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + " to infer its columns: " + e.getMessage(), e);
        }
        List<Field> fields = new ArrayList<>(TextFormats.fields(SchemaInference.inferCsv(sample, csv)));
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no CSV records in " + p + " to infer columns from; declare them");
        }
        return Schema.of(fields);
    }

    private static Path dir(Path p) {
        return Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
    }

    private static List<String> files(Path p) {
        return Files.isDirectory(p)
                ? new FileLister(null).list(p)
                : List.of(p.getFileName().toString());
    }

    private record CsvTable(Path path, Schema schema, CsvOptions options) implements StaticTable {
        @Override
        public Batch read(List<String> columns) {
            return read(columns, options);
        }

        @Override
        public Batch read(List<String> columns, long nowMillis) {
            return read(columns, options.withDatetimes(options.datetimes().withNow(nowMillis)));
        }

        private Batch read(List<String> columns, CsvOptions options) {
            if (!Files.isReadable(path)) {
                throw new UncheckedIOException(new IOException("cannot read file " + path));
            }
            List<Batch> parts = new ArrayList<>();
            for (String f : files(path)) {
                parts.add(CsvFiles.read(dir(path).resolve(f), schema, options).batch());
            }
            Batch all = parts.size() == 1 ? parts.get(0) : Batch.concat(schema, parts);
            return columns.isEmpty() ? all : select(all, columns);
        }

        private static Batch select(Batch b, List<String> names) {
            List<Field> fields = new ArrayList<>();
            Column[] cols = new Column[names.size()];
            for (int i = 0; i < cols.length; i++) {
                int c = b.schema().indexOf(names.get(i));
                if (c < 0) {
                    throw new IllegalArgumentException("no column '" + names.get(i) + "' in " + b.schema());
                }
                fields.add(b.schema().field(c));
                cols[i] = b.column(c);
            }
            return Batch.of(Schema.of(fields), cols);
        }

        @Override
        public String description() {
            return "CsvTable[" + path + "]";
        }
    }
}
