package dev.eddy.streaming.internal.source.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the data files of a directory, oldest first (modification time, then name). Hidden and in-progress
 * files (names starting with '.' or '_', as Spark and Hadoop do) are left out, and so are files not matching
 * the glob {@code pattern} if one is given, and files modified outside ({@code modifiedAfter}, {@code
 * modifiedBefore}) when those are given (Spark's path filters: strictly after, strictly before).
 */
final class FileLister {
    private final String glob;
    private final long modifiedAfterMillis;
    private final long modifiedBeforeMillis;

    FileLister(String glob) {
        this(glob, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * @param modifiedAfterMillis  only files modified strictly after this (epoch ms; Long.MIN_VALUE: any)
     * @param modifiedBeforeMillis only files modified strictly before this (epoch ms; Long.MAX_VALUE: any)
     */
    FileLister(String glob, long modifiedAfterMillis, long modifiedBeforeMillis) {
        this.glob = glob;
        this.modifiedAfterMillis = modifiedAfterMillis;
        this.modifiedBeforeMillis = modifiedBeforeMillis;
    }

    List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        var matcher = glob == null ? null : dir.getFileSystem().getPathMatcher("glob:" + glob);
        record Entry(String name, FileTime time) {}
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(".")
                        || n.startsWith("_")
                        || !Files.isRegularFile(p)
                        || (matcher != null && !matcher.matches(p.getFileName()))) {
                    continue;
                }
                FileTime t = Files.getLastModifiedTime(p);
                long ms = t.toMillis();
                if (ms > modifiedAfterMillis && ms < modifiedBeforeMillis) {
                    entries.add(new Entry(n, t));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing(Entry::time).thenComparing(Entry::name));
        return entries.stream().map(Entry::name).toList();
    }
}
