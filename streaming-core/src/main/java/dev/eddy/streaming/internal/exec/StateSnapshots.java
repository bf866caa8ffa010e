package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.internal.ops.StatefulOperator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Moves stateful operators' state to and from a checkpoint store (by operator index in plan order). */
final class StateSnapshots {
    private StateSnapshots() {
    }

    /** Saves the state of every operator whose state changed in {@code batchId}. */
    static void save(CheckpointStore store, List<StatefulOperator> ops, long batchId) {
        for (int i = 0; i < ops.size(); i++) {
            StatefulOperator op = ops.get(i);
            if (op.stateVersion() != batchId) {
                continue; // unchanged: the saved version below still holds
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                op.writeState(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store.stateCommitted(String.valueOf(i), batchId, bytes.toByteArray());
        }
    }

    /** Restores every operator to its newest saved state at or below {@code committedBatch}. */
    static void restore(CheckpointStore store, List<StatefulOperator> ops, long committedBatch) {
        for (int i = 0; i < ops.size(); i++) {
            Optional<byte[]> state = store.loadState(String.valueOf(i), committedBatch);
            if (state.isEmpty()) {
                continue;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.get()))) {
                ops.get(i).readState(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the state of operator " + i + ": " + e.getMessage(), e);
            }
        }
    }
}
