package dev.eddy.streaming.internal.sink.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory with one small file per committed batch id, named by the id and listing the batch's output files
 * (one per line, after a version line). Each entry is written to a temporary file and moved into place
 * atomically, so an entry is either absent or complete.
 */
public final class BatchCommitLog {
    private static final String VERSION = "v1";
    private final Path dir;

    public BatchCommitLog(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
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
            throw new UncheckedIOException("cannot write commit log entry " + batchId + " in " + dir, e);
        }
    }

    /** The output files a committed batch wrote. */
    public List<String> files(long batchId) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(Long.toString(batchId)), StandardCharsets.UTF_8);
            return lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit log entry " + batchId + " in " + dir, e);
        }
    }

    /** The highest committed batch id, or -1. */
    public long lastCommitted() {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .mapToLong(Long::parseLong).max().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list commit log " + dir, e);
        }
    }
}
