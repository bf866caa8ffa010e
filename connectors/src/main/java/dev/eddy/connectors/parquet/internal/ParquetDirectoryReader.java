package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.spi.BatchCommitLog;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Schema;
import org.apache.parquet.EddyReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a Parquet file, or a directory of them, into one {@link Batch}. In a directory an Eddy sink wrote (it has
 * a commit log) only committed files are read; otherwise every {@code *.parquet} file whose name does not start
 * with '.' or '_', in name order. The schema is the first file's footer; every other file must have the same.
 */
public final class ParquetDirectoryReader {
    private ParquetDirectoryReader() {
    }

    /** The files {@link #read} would read, in order. */
    public static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("no Parquet file or directory at " + path);
        }
        BatchCommitLog log = BatchCommitLog.forOutput(path);
        if (log.exists()) {
            return log.committedFiles().stream().map(path::resolve).toList();
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && !n.startsWith("_") && n.endsWith(".parquet");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    /** The Eddy schema of the first file's footer. */
    public static Schema schema(Path path) {
        List<Path> files = files(path);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files in " + path);
        }
        return ParquetSchemas.toEddy(footer(files.get(0)), files.get(0).toString());
    }

    /**
     * Reads {@code columns} (all when empty) of every file. Only the requested columns are decoded: the rest are
     * pruned from the read schema, so their pages are never read.
     */
    public static Batch read(Path path, List<String> columns) {
        List<Path> files = files(path);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files in " + path);
        }
        MessageType first = footer(files.get(0));
        MessageType requested = project(first, columns, files.get(0));
        Schema schema = ParquetSchemas.toEddy(requested, files.get(0).toString());
        List<Batch> parts = new ArrayList<>();
        for (Path f : files) {
            readInto(f, first, files.get(0), requested, schema, parts);
        }
        return parts.size() == 1 ? parts.get(0) : Batch.concat(schema, parts);
    }

    private static MessageType project(MessageType file, List<String> columns, Path path) {
        if (columns.isEmpty()) {
            return file;
        }
        List<Type> fields = new ArrayList<>();
        for (String c : columns) {
            if (!file.containsField(c)) {
                throw new IllegalArgumentException("column '" + c + "' is not in " + path + " (columns: "
                        + file.getFields().stream().map(Type::getName).toList() + ")");
            }
            fields.add(file.getType(c));
        }
        return new MessageType(file.getName(), fields);
    }

    /** Reads the row groups of one file, decoding only the requested columns' chunks. */
    private static void readInto(Path f, MessageType expected, Path firstFile, MessageType requested, Schema schema,
            List<Batch> parts) {
        try (ParquetFileReader r = open(f)) {
            MessageType fileSchema = r.getFooter().getFileMetaData().getSchema();
            if (!fileSchema.equals(expected)) {
                throw new IllegalArgumentException("Parquet file " + f + " has schema " + fileSchema + ", unlike "
                        + firstFile + "'s " + expected);
            }
            r.setRequestedSchema(requested);
            MessageColumnIO io = new ColumnIOFactory(r.getFooter().getFileMetaData().getCreatedBy())
                    .getColumnIO(requested, fileSchema, true);
            RecordMaterializer<Object[]> rows = RowMaterializer.create(requested, f.toString());
            String createdBy = r.getFooter().getFileMetaData().getCreatedBy();
            boolean flat = FlatColumns.applies(requested);
            for (PageReadStore group = r.readNextRowGroup(); group != null; group = r.readNextRowGroup()) {
                if (flat) {
                    parts.add(FlatColumns.read(group, requested, schema, rows.getRootConverter(), createdBy));
                    continue;
                }
                BatchBuilder out = Batch.builder(schema, Math.toIntExact(group.getRowCount()));
                RecordReader<Object[]> rr = io.getRecordReader(group, rows);
                for (long i = 0, n = group.getRowCount(); i < n; i++) {
                    out.addRow(rr.read());
                }
                parts.add(out.build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet file " + f + ": " + e.getMessage(), e);
        } catch (ParquetDecodingException e) {
            throw new IllegalArgumentException("cannot read Parquet file " + f + ": " + e.getMessage(), e);
        }
    }

    private static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file), EddyReadOptions.create(LocalCodecs.INSTANCE));
    }

    static MessageType footer(Path file) {
        try (ParquetFileReader r = open(file)) {
            return r.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footer of " + file + " (not a Parquet file?): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) { // parquet-hadoop reports a bad magic number this way, naming no path
            throw new IllegalArgumentException("cannot read the footer of " + file + " (not a Parquet file?): "
                    + e.getMessage(), e);
        }
    }
}
