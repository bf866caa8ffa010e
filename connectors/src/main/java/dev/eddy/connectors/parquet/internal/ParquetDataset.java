package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.BatchCommitLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.EddyReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * A directory of Parquet files as one table: its files (relative paths, maybe under Hive-style partition
 * directories), the data columns of the first file's footer and the partition columns of the directory names.
 * Reading a file by name takes the requested columns from that file (a column the file lacks is null, as in Spark;
 * one of another type is an error naming the file) and adds the partition columns parsed from its path.
 */
public final class ParquetDataset {
    private final Path root;
    private final Schema schema;
    private final List<Field> partitions;
    /** Columns of the files Eddy cannot hold (lists, maps, ...), by name: an error only when they are read. */
    private final Map<String, String> unsupported;
    /** How flat row groups are decoded: a page at a time unless a test asks for another path. */
    private final Decoder decoder;

    /** The ways to decode a row group; the tests check that every one gives the same rows. */
    enum Decoder {
        /** Top-level primitive columns a page at a time ({@link PageColumns}); anything else as {@link #ROWS}. */
        PAGES,
        /** Top-level primitive columns a value at a time ({@link FlatColumns}); anything else as {@link #ROWS}. */
        VALUES,
        /** Record assembly into rows of boxed values ({@link RowMaterializer}): the only path for structs. */
        ROWS
    }

    public ParquetDataset(Path root, Schema schema, List<Field> partitions) {
        this(root, schema, partitions, Map.of(), Decoder.PAGES);
    }

    private ParquetDataset(
            Path root, Schema schema, List<Field> partitions, Map<String, String> unsupported, Decoder decoder) {
        this.root = root;
        this.schema = schema;
        this.partitions = List.copyOf(partitions);
        this.unsupported = Map.copyOf(unsupported);
        this.decoder = decoder;
    }

    /** This table read with {@code decoder} (tests compare the paths). */
    ParquetDataset withDecoder(Decoder decoder) {
        return new ParquetDataset(root, schema, partitions, unsupported, decoder);
    }

    /**
     * The table at {@code path} (a file or a directory) with the schema of its files, or the declared schema if
     * one is given (its columns named like a partition directory come from the directories).
     */
    public static ParquetDataset open(Path path, Schema declared) {
        return open(path, declared, List.of());
    }

    /**
     * As {@link #open(Path, Schema)}; {@code partitionBy} names the declared columns that come from directory
     * names before any file exists (else they are the declared columns named like the first file's directories).
     * A directory that does not exist yet is an empty table if columns are declared.
     */
    public static ParquetDataset open(Path path, Schema declared, List<String> partitionBy) {
        List<String> files =
                Files.exists(path) || declared == null || declared.size() == 0 ? listFiles(path) : List.of();
        if (declared != null && declared.size() > 0) {
            List<Field> parts = new ArrayList<>();
            List<String> dirNames = !partitionBy.isEmpty()
                    ? partitionBy
                    : files.isEmpty()
                            ? List.of()
                            : new ArrayList<>(
                                    PartitionColumns.values(files.get(0)).keySet());
            for (String p : partitionBy) {
                if (declared.indexOf(p) < 0) {
                    throw new IllegalArgumentException(
                            "partition column '" + p + "' is not declared (columns: " + declared.names() + ")");
                }
            }
            for (Field f : declared.fields()) {
                if (dirNames.contains(f.name())) {
                    parts.add(f);
                }
            }
            return new ParquetDataset(root(path), declared, parts, Map.of(), Decoder.PAGES);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "no Parquet files in " + path + " to take the schema from;" + " declare the columns");
        }
        Path first = root(path).resolve(files.get(0));
        List<Field> fields = new ArrayList<>();
        Map<String, String> unsupported = new LinkedHashMap<>();
        for (Type t : footer(first).getFields()) {
            try {
                fields.add(ParquetSchemas.toEddy(new MessageType("m", t), first.toString())
                        .field(0));
            } catch (IllegalArgumentException e) {
                unsupported.put(t.getName(), e.getMessage());
            }
        }
        List<Field> parts = PartitionColumns.infer(files);
        for (Field p : parts) {
            if (fields.stream().anyMatch(f -> f.name().equalsIgnoreCase(p.name()))) {
                throw new IllegalArgumentException(
                        "partition column '" + p.name() + "' of " + path + " is also a column in its files");
            }
        }
        fields.addAll(parts);
        return new ParquetDataset(root(path), Schema.of(fields), parts, unsupported, Decoder.PAGES);
    }

    private static Path root(Path path) {
        return Files.isRegularFile(path) ? path.getParent() : path;
    }

    public Path root() {
        return root;
    }

    public Schema schema() {
        return schema;
    }

    /** The current files of this table, relative to its root. */
    public List<String> files() {
        return Files.exists(root) ? listFiles(root) : List.of();
    }

    /**
     * The files at {@code path}, relative to the directory: a file is itself; in a directory with an Eddy commit
     * log the committed files in batch order; else every {@code *.parquet} file in it or in its subdirectories,
     * leaving out names starting with '.' or '_' (hidden, temporary, metadata), in path order.
     */
    public static List<String> listFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path.getFileName().toString());
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("no Parquet file or directory at " + path);
        }
        BatchCommitLog log = BatchCommitLog.forOutput(path);
        if (log.exists()) {
            return log.committedFiles();
        }
        try (Stream<Path> s = Files.walk(path)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> path.relativize(p))
                    .filter(ParquetDataset::visible)
                    .map(p -> p.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean visible(Path relative) {
        for (Path element : relative) {
            String n = element.toString();
            if (n.startsWith(".") || n.startsWith("_")) {
                return false;
            }
        }
        return relative.getFileName().toString().endsWith(".parquet");
    }

    /** The schema's columns (those Eddy can hold: this table's {@link #schema()}). */
    public List<String> readableColumns() {
        return schema.names();
    }

    /** The given columns (all when empty) of every current file, as one batch. */
    public Batch read(List<String> columns) {
        return read(files(), columns);
    }

    /** The given columns (all when empty) of {@code files} (relative to the root), as one batch. */
    public Batch read(List<String> files, List<String> columns) {
        Schema out = project(columns);
        List<Batch> parts = new ArrayList<>(files.size());
        for (String f : files) {
            readFile(f, out, parts);
        }
        return parts.isEmpty() ? Batch.empty(out) : Batch.concat(out, parts);
    }

    /**
     * Column pruning: every column of {@link #schema()} for {@code files}, but only those in {@code read} decoded (only
     * their column chunks are read); the others are null (one shared all-null column each, no memory per row). With
     * {@code read} empty no chunk is read at all, only the row counts.
     */
    public Batch readPruned(List<String> files, Set<String> read) {
        List<Field> wanted = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (read.contains(f.name())) {
                wanted.add(f);
            }
        }
        Schema in = Schema.of(wanted);
        List<Batch> parts = new ArrayList<>(files.size());
        for (String f : files) {
            readFile(f, in, parts);
        }
        List<Batch> widened = new ArrayList<>(parts.size());
        for (Batch part : parts) {
            Column[] cols = new Column[schema.size()];
            for (int i = 0; i < cols.length; i++) {
                Field field = schema.field(i);
                int j = in.indexOf(field.name());
                cols[i] = j >= 0 ? part.column(j) : Column.nulls(field, part.numRows());
            }
            widened.add(Batch.of(schema, cols));
        }
        return widened.isEmpty() ? Batch.empty(schema) : Batch.concat(schema, widened);
    }

    /** This table's schema narrowed to {@code columns} (all when empty), in the order given. */
    public Schema project(List<String> columns) {
        if (columns.isEmpty()) {
            if (!unsupported.isEmpty()) {
                throw new IllegalArgumentException(
                        unsupported.values().iterator().next());
            }
            return schema;
        }
        List<Field> fields = new ArrayList<>();
        for (String c : columns) {
            if (unsupported.containsKey(c)) {
                throw new IllegalArgumentException(unsupported.get(c));
            }
            int i = schema.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException(
                        "column '" + c + "' is not in " + root + " (columns: " + schema.names() + ")");
            }
            fields.add(schema.field(i));
        }
        return Schema.of(fields);
    }

    private boolean isPartition(String name) {
        return partitions.stream().anyMatch(p -> p.name().equals(name));
    }

    /** Reads one file's row groups as batches of {@code out}. */
    private void readFile(String relative, Schema out, List<Batch> parts) {
        Path f = root.resolve(relative);
        Map<String, String> dirValues = PartitionColumns.values(relative);
        try (ParquetFileReader r = open(f)) {
            MessageType fileSchema = r.getFooter().getFileMetaData().getSchema();
            List<Type> present = new ArrayList<>();
            for (Field field : out.fields()) {
                if (!isPartition(field.name()) && fileSchema.containsField(field.name())) {
                    Type t = fileSchema.getType(field.name());
                    checkType(field, t, f);
                    present.add(t);
                }
            }
            MessageType requested = new MessageType(fileSchema.getName(), present);
            Schema requestedSchema = ParquetSchemas.toEddy(requested, f.toString());
            r.setRequestedSchema(requested);
            String createdBy = r.getFooter().getFileMetaData().getCreatedBy();
            RecordMaterializer<Object[]> rows = RowMaterializer.create(requested, f.toString());
            boolean flat = decoder != Decoder.ROWS && FlatColumns.applies(requested);
            MessageColumnIO io = flat ? null : new ColumnIOFactory(createdBy).getColumnIO(requested, fileSchema, true);
            if (present.isEmpty()) { // no column of the file is read (only partition columns, or a count): no chunk
                for (BlockMetaData block : r.getFooter().getBlocks()) {
                    int n = Math.toIntExact(block.getRowCount());
                    parts.add(assemble(out, Batch.ofRowCount(n), n, dirValues, relative));
                }
                return;
            }
            for (PageReadStore group = r.readNextRowGroup(); group != null; group = r.readNextRowGroup()) {
                int n = Math.toIntExact(group.getRowCount());
                Batch data;
                if (flat && decoder == Decoder.PAGES) {
                    data = PageColumns.read(group, requested, requestedSchema, rows.getRootConverter(), createdBy);
                } else if (flat) {
                    data = FlatColumns.read(group, requested, requestedSchema, rows.getRootConverter(), createdBy);
                } else {
                    BatchBuilder b = Batch.builder(requestedSchema, n);
                    RecordReader<Object[]> rr = io.getRecordReader(group, rows);
                    for (int i = 0; i < n; i++) {
                        b.addRow(rr.read());
                    }
                    data = b.build();
                }
                parts.add(assemble(out, data, n, dirValues, relative));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet file " + f + ": " + e.getMessage(), e);
        } catch (ParquetDecodingException e) {
            throw new IllegalArgumentException("cannot read Parquet file " + f + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().contains(f.toString())) {
                throw e;
            }
            throw new IllegalArgumentException("cannot read Parquet file " + f + ": " + plain(e.getMessage()), e);
        }
    }

    /** Parquet's messages name a file by its object's toString ({@code LocalInputFile@1b2c3d}); say "it". */
    static String plain(String message) {
        return message == null
                ? ""
                : message.replaceAll("org\\.apache\\.parquet\\.io\\.LocalInputFile@[0-9a-f]+", "it");
    }

    private Batch assemble(Schema out, Batch data, int n, Map<String, String> dirValues, String file) {
        Column[] cols = new Column[out.size()];
        for (int i = 0; i < cols.length; i++) {
            Field field = out.field(i);
            if (isPartition(field.name())) {
                cols[i] = PartitionColumns.constant(field, dirValues.get(field.name()), n, file);
            } else {
                int j = data.schema().indexOf(field.name());
                cols[i] = j >= 0 ? data.column(j) : Column.nulls(field, n);
            }
        }
        return cols.length == 0 ? Batch.ofRowCount(n) : Batch.of(out, cols);
    }

    private static void checkType(Field expected, Type actual, Path file) {
        Field got = ParquetSchemas.toEddy(new MessageType("m", actual), file.toString())
                .field(0);
        if (!sameType(expected, got)) {
            throw new IllegalArgumentException("column '" + expected.name() + "' in Parquet file " + file + " is "
                    + describe(got) + ", not " + describe(expected));
        }
    }

    private static boolean sameType(Field a, Field b) {
        if (a.type() != b.type() || a.children().size() != b.children().size()) {
            return false;
        }
        for (int i = 0; i < a.children().size(); i++) {
            if (!a.children().get(i).name().equals(b.children().get(i).name())
                    || !sameType(a.children().get(i), b.children().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Field f) {
        return switch (f.type()) {
            case STRUCT -> f.toString();
            case LONG -> "BIGINT";
            default -> f.type().sqlName().toUpperCase(Locale.ROOT);
        };
    }

    static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file), EddyReadOptions.create(LocalCodecs.INSTANCE));
    }

    static MessageType footer(Path file) {
        try (ParquetFileReader r = open(file)) {
            return r.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the footer of " + file + " (not a Parquet file?): " + e.getMessage(), e);
        } catch (RuntimeException e) { // parquet-hadoop reports a bad magic number this way, naming no path
            throw new IllegalArgumentException(
                    "cannot read the footer of " + file + " (not a Parquet file?): " + plain(e.getMessage()), e);
        }
    }
}
