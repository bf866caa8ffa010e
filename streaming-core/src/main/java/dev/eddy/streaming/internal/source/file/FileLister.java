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
 * the glob {@code pattern} if one is given.
 */
final class FileLister {
    private final String glob;

    FileLister(String glob) {
        this.glob = glob;
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
                entries.add(new Entry(n, Files.getLastModifiedTime(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing(Entry::time).thenComparing(Entry::name));
        return entries.stream().map(Entry::name).toList();
    }
}
