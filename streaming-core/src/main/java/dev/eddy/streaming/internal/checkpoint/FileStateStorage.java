package dev.eddy.streaming.internal.checkpoint;

import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.checkpoint.StateStorage;
import dev.eddy.streaming.api.data.Batch;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One operator's state directory ({@code state/<op>/0/}): each version writes {@code <v>.delta}, and every
 * {@code snapshotInterval} versions {@code <v>.snapshot} too (Spark's layout); a version is read back as the newest
 * snapshot at or before it plus the deltas after it ({@link StateChain}). Files are {@link StateFile}s holding a
 * {@link StatePayload}.
 */
final class FileStateStorage implements StateStorage {
    private final Path dir;
    private final int snapshotInterval;
    private final Consumer<Path> listener;
    /** The newest snapshot's version, read from the directory on first use (-1: none). */
    private Long lastSnapshot;

    FileStateStorage(Path dir, int snapshotInterval, Consumer<Path> listener) {
        this.dir = dir;
        this.snapshotInterval = snapshotInterval;
        this.listener = listener;
    }

    @Override
    public boolean keepsState() {
        return true;
    }

    /** The delta; then, if {@code snapshotInterval} versions passed since the last snapshot, a snapshot too. */
    @Override
    public void write(long version, StateDelta delta) {
        Path f = CheckpointLayout.delta(dir, version);
        AtomicFiles.write(f, StateFile.encode(StateFile.Kind.DELTA, version, StatePayload.delta(delta)));
        listener.accept(f);
        if (lastSnapshot == null) {
            long[] s = CheckpointLayout.numbered(dir, StateFile.Kind.SNAPSHOT.suffix());
            lastSnapshot = s.length == 0 ? -1 : s[s.length - 1];
        }
        if (version - lastSnapshot >= snapshotInterval) {
            Path snap = CheckpointLayout.snapshot(dir, version);
            AtomicFiles.write(
                    snap,
                    StateFile.encode(
                            StateFile.Kind.SNAPSHOT,
                            version,
                            StatePayload.snapshot(
                                    delta.keyColumns(), delta.fullState().get())));
            lastSnapshot = version;
            listener.accept(snap);
        }
    }

    @Override
    public Optional<Batch> read(long version) {
        return StateChain.restore(dir, version);
    }

    /** Forgets what it knew of the directory (files were deleted under it). */
    void forget() {
        lastSnapshot = null;
    }
}
