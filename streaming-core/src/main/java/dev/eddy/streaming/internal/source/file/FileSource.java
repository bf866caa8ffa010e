package dev.eddy.streaming.internal.source.file;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.FileListSource;
import dev.eddy.streaming.api.spi.FileStreamOptions;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.Texts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A directory of text files, planned by {@link FileListSource} (up to {@code maxFilesPerTrigger} files not seen
 * yet per batch, oldest first). A file is assumed complete once it is visible (write elsewhere and move it in, as
 * with Spark).
 */
final class FileSource extends FileListSource {
    private final Path dir;
    private final FileLister lister;
    private final Schema schema;
    private final TextFileReader reader;
    private final ParsedRow row;
    private final TextFormats.RecordParser parser;
    private final String corruptColumn;
    private final CsvOptions.Mode mode;
    /** The format's name in a FAILFAST error: CSV or JSON. */
    private final String label;

    private long corrupt;
    /** Column pruning: columns of {@link #schema} the query does not read (left null, never built). */
    private boolean[] unread;
    /** Rows of the last batch: the next one is sized for as many, instead of growing from small. */
    private int lastRows = 1024;

    FileSource(
            Path dir,
            FileLister lister,
            int maxFilesPerTrigger,
            List<ColumnSpec> columns,
            TextFormats.RecordParser parser,
            TextFileReader reader) {
        this(
                dir,
                lister,
                new FileStreamOptions(Math.max(0, maxFilesPerTrigger), 0, false),
                columns,
                parser,
                reader,
                TextFormats.CORRUPT_RECORD,
                CsvOptions.Mode.PERMISSIVE);
    }

    /**
     * @param corruptColumn the last column, holding the text of a malformed record
     * @param mode          what a malformed record does (Spark's {@code mode}): kept, dropped or failing the batch
     */
    FileSource(
            Path dir,
            FileLister lister,
            FileStreamOptions limits,
            List<ColumnSpec> columns,
            TextFormats.RecordParser parser,
            TextFileReader reader,
            String corruptColumn,
            CsvOptions.Mode mode) {
        this(dir, lister, limits, columns, parser, reader, corruptColumn, mode, "CSV");
    }

    /** @param label the format's name in a FAILFAST error (CSV, JSON) */
    FileSource(
            Path dir,
            FileLister lister,
            FileStreamOptions limits,
            List<ColumnSpec> columns,
            TextFormats.RecordParser parser,
            TextFileReader reader,
            String corruptColumn,
            CsvOptions.Mode mode,
            String label) {
        super(limits);
        this.label = label;
        this.dir = dir;
        this.lister = lister;
        this.corruptColumn = corruptColumn;
        this.mode = mode;
        List<Field> fields = new ArrayList<>(TextFormats.fields(columns));
        fields.add(Field.of(corruptColumn, DataType.STRING));
        this.schema = Schema.of(fields);
        this.row = new ParsedRow(columns);
        this.parser = parser;
        this.reader = reader;
        this.unread = new boolean[schema.size()];
    }

    @Override
    public void pruneColumns(Set<String> columns) {
        unread = TextFormats.unread(schema.names(), columns);
        parser.skipUnread(unread); // the value columns come first, in the parser's order
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    protected List<String> listFiles() {
        return lister.list(dir);
    }

    @Override
    protected long fileSize(String file) {
        try {
            return Files.size(dir.resolve(file));
        } catch (IOException e) {
            return 0; // gone since it was listed: reading it reports that
        }
    }

    @Override
    protected Batch readFiles(List<String> files) {
        BatchBuilder out = TextFormats.builder(schema, unread, lastRows);
        for (String f : files) {
            readFile(dir.resolve(f), out);
        }
        lastRows = Math.max(1024, Math.min(out.numRows(), 1 << 20));
        return out.build();
    }

    private void readFile(Path file, BatchBuilder out) {
        try {
            reader.forEachRecord(file, new TextFileReader.Records() {
                private long records;

                @Override
                public void document(List<String> texts, String whole) {
                    boolean bad = false;
                    for (String t : texts) {
                        bad |= !parser.parse(t, row);
                    }
                    if (!bad) {
                        for (String t : texts) {
                            record(t, t, false);
                        }
                        return;
                    }
                    switch (mode) { // Spark's record is the document: all of its rows are malformed
                        case PERMISSIVE -> {
                            for (String t : texts) {
                                records++;
                                corrupt++;
                                if (parser.parse(t, row) || row.partial) {
                                    TextFormats.write(row, out, 0); // the values it has, as Spark keeps them
                                }
                                out.setString(row.size(), whole);
                                out.endRow();
                            }
                        }
                        case DROPMALFORMED -> corrupt += texts.size();
                        case FAILFAST ->
                            throw new IllegalArgumentException(file + ": malformed " + label + " record "
                                    + (records + 1) + " (mode FAILFAST): " + oneLine(whole));
                    }
                }

                @Override
                public void record(String record, boolean malformed) {
                    // (a CSV record whose quote never closes may end with the file's line break, which Spark's
                    // corrupt-record text leaves out)
                    record(record, label.equals("CSV") ? Texts.stripLineEnd(record) : record, malformed);
                }

                private void record(String record, String whole, boolean malformed) {
                    records++;
                    boolean partial = false;
                    if (!malformed) {
                        if (parser.parse(record, row)) {
                            TextFormats.write(row, out, 0);
                            out.endRow();
                            return;
                        }
                        partial = row.partial;
                    }
                    switch (mode) {
                        case PERMISSIVE -> {
                            corrupt++;
                            if (partial) {
                                TextFormats.write(row, out, 0); // the values that did parse, as Spark keeps them
                            }
                            out.setString(row.size(), whole);
                            out.endRow();
                        }
                        case DROPMALFORMED -> corrupt++;
                        case FAILFAST ->
                            // nothing of the batch is committed: a restart reads the same files again
                            throw new IllegalArgumentException(file + ": malformed " + label + " record " + records
                                    + " (mode FAILFAST): " + oneLine(record));
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
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String oneLine(String text) {
        String one = text.replace("\n", "\\n").replace("\r", "\\r");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    long corruptRecords() {
        return corrupt;
    }

    /** Reading a range consumes nothing: the engine may read the next batch ahead. */
    @Override
    public boolean supportsReadAhead() {
        return true;
    }

    @Override
    public String description() {
        return "FileSource[" + dir + "]";
    }

    @Override
    public String status() {
        if (corrupt == 0) {
            return "";
        }
        return corrupt + " corrupt records"
                + (mode == CsvOptions.Mode.DROPMALFORMED ? " (dropped)" : " (kept in " + corruptColumn + ")");
    }
}
