package dev.eddy.streaming.internal.checkpoint;

import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.data.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restores an operator's raw state as of a version from its state directory: the newest snapshot at or before the
 * version (or the empty state if there is none), then every delta after it in order. Each delta replaces the
 * groups it upserts and drops the groups it removed; a group keeps its place, new groups come last, so the restored
 * rows are in the order the operator held them.
 */
public final class StateChain {
    private StateChain() {}

    /**
     * The files restoring {@code version}, oldest first (a snapshot, if any, then deltas); empty if the operator
     * saved nothing up to it. A file the chain needs but that is missing is reported by name.
     */
    public static List<Path> files(Path dir, long version) {
        long base = -1;
        for (long s : CheckpointLayout.numbered(dir, StateFile.Kind.SNAPSHOT.suffix())) {
            if (s <= version) {
                base = s;
            }
        }
        List<Path> out = new ArrayList<>();
        if (base >= 0) {
            out.add(CheckpointLayout.snapshot(dir, base));
        } else if (!anyDeltaUpTo(dir, version)) {
            return out;
        }
        for (long v = base + 1; v <= version; v++) {
            Path d = CheckpointLayout.delta(dir, v);
            if (!Files.exists(d)) {
                throw new CorruptCheckpointException(
                        d,
                        "the file is missing; restoring state version " + version + " needs every delta after "
                                + (base >= 0 ? "snapshot " + base : "the start"));
            }
            out.add(d);
        }
        return out;
    }

    private static boolean anyDeltaUpTo(Path dir, long version) {
        for (long d : CheckpointLayout.numbered(dir, StateFile.Kind.DELTA.suffix())) {
            if (d <= version) {
                return true;
            }
        }
        return false;
    }

    /** The raw state as of {@code version}, or empty if the operator saved none. */
    public static Optional<Batch> restore(Path dir, long version) {
        List<Path> files = files(dir, version);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Merge m = new Merge();
        for (Path f : files) {
            boolean snapshot = f.getFileName().toString().endsWith(StateFile.Kind.SNAPSHOT.suffix());
            StateFile.Kind kind = snapshot ? StateFile.Kind.SNAPSHOT : StateFile.Kind.DELTA;
            m.add(f, StatePayload.read(f, kind, CheckpointLayout.version(f)));
        }
        return Optional.of(m.result());
    }

    /** Replays a snapshot and deltas; indexes rows by key only once a delta needs it. */
    private static final class Merge {
        private final List<Batch> parts = new ArrayList<>();
        private Map<List<Object>, List<Integer>> groups;
        private Batch base;
        private int rows;

        void add(Path file, StatePayload.Decoded d) {
            if (d.removedKeys() == null) {
                base = d.rows();
                return;
            }
            if (base == null) {
                base = Batch.empty(d.rows().schema());
            }
            if (!sameColumns(base, d.rows())) {
                throw new CorruptCheckpointException(
                        file, "its columns " + d.rows().schema() + " differ from the state's " + base.schema());
            }
            if (groups == null) {
                groups = new LinkedHashMap<>();
                index(base, d.keyColumns(), true);
            }
            Batch removed = d.removedKeys();
            for (int r = 0; r < removed.numRows(); r++) {
                groups.remove(key(removed, d.keyColumns(), r));
            }
            index(d.rows(), d.keyColumns(), false);
        }

        /** Adds a part's rows; a delta's rows replace their whole group (a key may own several rows). */
        private void index(Batch part, int keyColumns, boolean isBase) {
            Map<List<Object>, List<Integer>> fresh = new LinkedHashMap<>();
            for (int r = 0; r < part.numRows(); r++) {
                (isBase ? groups : fresh)
                        .computeIfAbsent(key(part, keyColumns, r), k -> new ArrayList<>())
                        .add(rows + r);
            }
            groups.putAll(fresh);
            parts.add(part);
            rows += part.numRows();
        }

        private static List<Object> key(Batch b, int keyColumns, int r) {
            List<Object> k = new ArrayList<>(keyColumns);
            for (int c = 0; c < keyColumns; c++) {
                k.add(b.column(c).get(r));
            }
            return k;
        }

        private static boolean sameColumns(Batch a, Batch b) {
            if (a.numColumns() != b.numColumns()) {
                return false;
            }
            for (int i = 0; i < a.numColumns(); i++) {
                if (!a.schema().field(i).name().equals(b.schema().field(i).name())
                        || a.schema().field(i).type() != b.schema().field(i).type()) {
                    return false;
                }
            }
            return true;
        }

        Batch result() {
            if (groups == null) {
                return base;
            }
            int[] keep = new int[rows];
            int n = 0;
            for (List<Integer> g : groups.values()) {
                for (int r : g) {
                    keep[n++] = r;
                }
            }
            return Batch.concat(base.schema(), parts).gather(keep, n);
        }
    }
}
