package dev.eddy.connectors.parquet.internal;

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
 * The sink's commit log, in the same layout as streaming-core's file sink ({@code _eddy_log/<batchId>}: a version
 * line, then the batch's output files relative to the output directory, one per line). An entry is written to a
 * hidden temporary file and moved into place atomically, so it is either absent or complete. Readers list the
 * files of a directory through it, so they never see a partial or an uncommitted file.
 */
public final class CommitLog {
    public static final String DIR = "_eddy_log";
    private static final String VERSION = "v1";
    private final Path dir;

    public CommitLog(Path outputDir) {
        this.dir = outputDir.resolve(DIR);
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
            throw new UncheckedIOException("cannot write commit log entry " + batchId + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every committed file, in batch id order. */
    public List<String> committedFiles() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            List<Long> ids = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .map(Long::parseLong).sorted().toList();
            for (long id : ids) {
                List<String> lines = Files.readAllLines(dir.resolve(Long.toString(id)), StandardCharsets.UTF_8);
                if (lines.isEmpty() || !lines.get(0).equals(VERSION)) {
                    throw new IllegalStateException("commit log entry " + dir.resolve(Long.toString(id))
                            + " has an unknown version; written by a newer Eddy?");
                }
                lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).forEach(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit log " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
