package dev.eddy.streaming.api.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A sink's exactly-once log: a directory with one small file per committed batch id, named by the id and listing
 * the batch's output files (one per line, after a version line). Each entry is written to a temporary file and
 * moved into place atomically, so an entry is either absent or complete. File sinks keep it in
 * {@code <output>/_eddy_log} ({@link #forOutput}); readers that list files through it never see a partial or an
 * uncommitted file.
 */
public final class BatchCommitLog {
    /** The log's directory name inside a file sink's output directory. */
    public static final String DIR = "_eddy_log";

    private static final String VERSION = "v1";
    private final Path dir;

    public BatchCommitLog(Path dir) {
        this.dir = dir;
    }

    /** The log of the file sink that writes to {@code outputDir}. */
    public static BatchCommitLog forOutput(Path outputDir) {
        return new BatchCommitLog(outputDir.resolve(DIR));
    }

    public Path dir() {
        return dir;
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    public boolean isCommitted(long batchId) {
        return Files.exists(dir.resolve(Long.toString(batchId)));
    }

    public void commit(long batchId, List<String> files) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + batchId + ".tmp");
            StringBuilder sb = new StringBuilder(VERSION).append('\n');
            files.forEach(f -> sb.append(f).append('\n'));
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(Long.toString(batchId)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write commit log entry " + batchId + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The output files a committed batch wrote. */
    public List<String> files(long batchId) {
        Path entry = dir.resolve(Long.toString(batchId));
        try {
            List<String> lines = Files.readAllLines(entry, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(VERSION)) {
                throw new IllegalStateException(
                        "commit log entry " + entry + " has an unknown version;" + " written by a newer Eddy?");
            }
            return lines.subList(1, lines.size()).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit log entry " + batchId + " in " + dir, e);
        }
    }

    /** Every committed output file, in batch id order. */
    public List<String> committedFiles() {
        List<String> out = new ArrayList<>();
        for (long id : committedIds()) {
            out.addAll(files(id));
        }
        return out;
    }

    /** The highest committed batch id, or -1. */
    public long lastCommitted() {
        List<Long> ids = committedIds();
        return ids.isEmpty() ? -1 : ids.get(ids.size() - 1);
    }

    private List<Long> committedIds() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+"))
                    .map(Long::parseLong)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list commit log " + dir, e);
        }
    }
}
