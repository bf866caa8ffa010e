package dev.eddy.streaming.api.checkpoint;

import dev.eddy.streaming.api.data.Batch;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one batch changed in a stateful operator's raw state. The raw state is a batch whose first
 * {@code keyColumns} columns identify a state group (a key may own several rows, e.g. a key's sessions or a join
 * side's buffered rows); a group is replaced as a whole.
 *
 * @param keyColumns  how many leading columns of the raw state form the group key
 * @param upserts     every row of each group the batch inserted or changed (the raw state's schema)
 * @param removedKeys the keys of the groups the batch removed (evicted, timed out, ...): the key columns only
 * @param fullState   the whole raw state, for a store that writes a snapshot now (call before the next batch)
 */
public record StateDelta(int keyColumns, Batch upserts, Batch removedKeys, Supplier<Batch> fullState) {
    public StateDelta {
        Objects.requireNonNull(upserts, "upserts");
        Objects.requireNonNull(removedKeys, "removedKeys");
        Objects.requireNonNull(fullState, "fullState");
        if (keyColumns < 0 || keyColumns > upserts.numColumns() || removedKeys.numColumns() != keyColumns) {
            throw new IllegalArgumentException(
                    "a state delta with " + keyColumns + " key columns needs removed keys of "
                            + "that width and upserts at least that wide, got " + removedKeys.numColumns() + " and "
                            + upserts.numColumns());
        }
    }
}
