package dev.eddy.streaming.internal.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Paths of a checkpoint directory (Spark's layout) and listing of numbered files. */
public final class CheckpointLayout {
    private final Path root;

    public CheckpointLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path metadata() {
        return root.resolve("metadata");
    }

    public Path offsets() {
        return root.resolve("offsets");
    }

    public Path commits() {
        return root.resolve("commits");
    }

    public Path state() {
        return root.resolve("state");
    }

    public Path sources() {
        return root.resolve("sources");
    }

    /** The directory of one operator's state (one partition per query: {@code 0}). */
    public Path stateDir(String operatorId) {
        return state().resolve(operatorId).resolve("0");
    }

    public static Path snapshot(Path stateDir, long version) {
        return stateDir.resolve(version + ".snapshot");
    }

    public static Path delta(Path stateDir, long version) {
        return stateDir.resolve(version + ".delta");
    }

    /** The version a state file's name ({@code <version>.snapshot|.delta}) gives. */
    public static long version(Path stateFile) {
        String n = stateFile.getFileName().toString();
        return Long.parseLong(n.substring(0, n.indexOf('.')));
    }

    /** Numbers of the files in {@code dir} named by a number (optionally with {@code suffix}), ascending. */
    public static long[] numbered(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return new long[0];
        }
        try (Stream<Path> s = Files.list(dir)) {
            long[] out = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length()))
                    .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .toArray();
            Arrays.sort(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoint directory " + dir, e);
        }
    }

    /** Operator ids that have a state directory. */
    public String[] operators() {
        if (!Files.isDirectory(state())) {
            return new String[0];
        }
        try (Stream<Path> s = Files.list(state())) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoint directory " + state(), e);
        }
    }
}
