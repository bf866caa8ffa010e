package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.BatchCommitLog;
import dev.eddy.streaming.api.spi.FileListSource;
import dev.eddy.streaming.api.spi.FileStreamOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directory of Parquet files as a stream, planned by {@link FileListSource} (up to {@code maxFilesPerTrigger} files
 * not taken yet per batch). The files are listed in a directory an Eddy sink writes as the committed ones in batch
 * order; in any other directory as the visible {@code *.parquet} files, oldest first. A file that cannot be read fails the query naming it, or with
 * {@code ignoreCorruptFiles} is skipped, counted and named in the status. Files are immutable once visible.
 * Only the columns the query reads are decoded (the others are null: column pruning), and the next batch's files may
 * be read while the query runs this one (read-ahead).
 */
final class ParquetSource extends FileListSource {
    private final ParquetDataset dataset;
    private final boolean ignoreCorruptFiles;
    /** Read-ahead may add to it on its thread while the query thread reads the metrics: guarded by itself. */
    private final Map<String, String> skipped = Collections.synchronizedMap(new LinkedHashMap<>());

    private volatile String status = "";
    /** Column pruning: the columns the query reads; null for all of them. */
    private Set<String> read;

    ParquetSource(ParquetDataset dataset, FileStreamOptions limits, boolean ignoreCorruptFiles) {
        super(limits);
        this.dataset = dataset;
        this.ignoreCorruptFiles = ignoreCorruptFiles;
    }

    @Override
    public Schema schema() {
        return dataset.schema();
    }

    @Override
    public void pruneColumns(Set<String> columns) {
        read = dataset.schema().names().stream().allMatch(columns::contains) ? null : Set.copyOf(columns);
    }

    /**
     * Reading a list of files consumes nothing (a corrupt file, once found, is skipped by every later read too): the
     * engine may read the next batch ahead.
     */
    @Override
    public boolean supportsReadAhead() {
        return true;
    }

    @Override
    protected long fileSize(String file) {
        try {
            return Files.size(dataset.root().resolve(file));
        } catch (IOException e) {
            return 0; // gone since it was listed: reading it reports that
        }
    }

    /** The files to take, in order: committed ones by batch, else oldest first (modification time, then path). */
    @Override
    protected List<String> listFiles() {
        Path root = dataset.root();
        if (!Files.isDirectory(root) || BatchCommitLog.forOutput(root).exists()) {
            return dataset.files();
        }
        record Entry(String name, FileTime time) {}
        List<Entry> entries = new ArrayList<>();
        for (String f : dataset.files()) {
            try {
                entries.add(new Entry(f, Files.getLastModifiedTime(root.resolve(f))));
            } catch (IOException e) { // deleted since it was listed: it is not there to take
                continue;
            }
        }
        entries.sort(Comparator.comparing(Entry::time).thenComparing(Entry::name));
        return entries.stream().map(Entry::name).toList();
    }

    @Override
    protected Batch readFiles(List<String> files) {
        List<Batch> parts = new ArrayList<>();
        List<String> columns = dataset.schema().names();
        for (String f : files) {
            if (skipped.containsKey(f)) {
                continue;
            }
            try {
                parts.add(read == null ? dataset.read(List.of(f), columns) : dataset.readPruned(List.of(f), read));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                if (!ignoreCorruptFiles) {
                    throw new IllegalArgumentException(
                            e.getMessage() + " (option ignoreCorruptFiles=true skips such files)", e);
                }
                skipped.put(f, e.getMessage());
                status = skipped.size() + " corrupt Parquet file(s) skipped (ignoreCorruptFiles), last: "
                        + e.getMessage();
            }
        }
        return parts.isEmpty() ? Batch.empty(dataset.schema()) : Batch.concat(dataset.schema(), parts);
    }

    /** The corrupt files skipped so far, with the reason (ignoreCorruptFiles). */
    Map<String, String> skippedFiles() {
        synchronized (skipped) {
            return Map.copyOf(skipped);
        }
    }

    @Override
    public String description() {
        return "ParquetSource[" + dataset.root() + "]";
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public Map<String, String> metrics() {
        int n = skipped.size();
        return n == 0 ? Map.of() : Map.of("corruptFilesSkipped", Integer.toString(n));
    }
}
