package dev.eddy.streaming.internal.state;

import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.checkpoint.StateStorage;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Row;
import java.util.Optional;

/**
 * The state of one stateful operator (Spark's StateStore, a Kafka Streams store): it holds the operator's table,
 * its version, the late rows it dropped and its metrics, writes each batch's changes to the {@link StateStorage}
 * the checkpoint handed out, and restores from it. The operator only computes: it reads and changes the table.
 *
 * <p>Call order, all on the query thread: {@link #attach} and {@link #restore} once before the first batch; per
 * batch {@link #beginBatch}, the operator's changes (late rows through {@link #dropLate}), {@link #endBatch} with
 * the batch's figures, then {@link #checkpoint} after the sink accepted the batch. Readers between batches use
 * {@link #metrics()} and {@link #lateRows()}.
 */
public abstract class StateStore {
    private static final long NO_WATERMARK = Long.MIN_VALUE;
    private final String operatorName;
    private final LateRows late = new LateRows(100);
    private StateStorage storage = StateStorage.NONE;
    private StateMetrics metrics;
    private long version = -1;
    private long batchId = -1;
    private long watermark = NO_WATERMARK;
    /** The watermark this batch's input rows are late by (the previous batch's), recorded with each dropped row. */
    private long lateWatermark = NO_WATERMARK;

    protected StateStore(String operatorName) {
        this.operatorName = operatorName;
        this.metrics = new StateMetrics(operatorName, 0, 0, 0, 0, 0);
    }

    /** Where this store writes its versions (the checkpoint's storage for its operator). */
    public final void attach(StateStorage storage) {
        this.storage = storage;
    }

    /**
     * Loads the state saved as of {@code committedVersion}; nothing if none was saved. A store that cannot save
     * its state refuses a checkpoint that keeps state, rather than silently starting empty.
     */
    public final void restore(long committedVersion, String operator) {
        if (!storage.keepsState()) {
            return;
        }
        Optional<Batch> raw = storage.read(committedVersion);
        if (raw.isPresent()) {
            load(raw.get());
        } else if (!canSave()) {
            throw new UnsupportedOperationException(operator + " cannot restore its state from a checkpoint "
                    + "yet; restarting would silently lose it. Start the query with a new checkpoint location.");
        }
    }

    /** Starts batch {@code batchId}, which uses {@code watermark}: forgets the last batch's changes. */
    public final void beginBatch(long batchId, long watermark) {
        beginBatch(batchId, watermark, watermark);
    }

    /**
     * Starts batch {@code batchId}, which evicts by {@code watermark} and finds input rows late by
     * {@code lateWatermark} (the previous batch's, Spark's rule): forgets the last batch's changes.
     */
    public final void beginBatch(long batchId, long watermark, long lateWatermark) {
        this.batchId = batchId;
        this.watermark = watermark;
        this.lateWatermark = lateWatermark;
        clearChanges();
    }

    /** Records a row dropped as later than the watermark (counted, and kept in a bounded sample). */
    public final void dropLate(Row row, long eventEndMicros) {
        late.add(new LateRows.Dropped(batchId, row.copy(), eventEndMicros, lateWatermark));
    }

    /** Ends the batch with its figures; a batch that changed rows becomes the state's version. */
    public final void endBatch(long updated, long removed, long droppedByWatermark) {
        if (updated + removed > 0) {
            version = batchId;
        }
        metrics = new StateMetrics(operatorName, numRows(), updated, removed, droppedByWatermark, memoryBytes());
    }

    /** Writes what the batch changed to the storage (if it keeps state). */
    public final void checkpoint(long batchId) {
        if (storage.keepsState() && canSave()) {
            storage.write(batchId, delta());
        }
    }

    /** True if a batch with {@code newWatermark} would see the watermark move past the one of the last batch. */
    public final boolean watermarkAdvances(long newWatermark) {
        return newWatermark != NO_WATERMARK && newWatermark > watermark;
    }

    public final StateMetrics metrics() {
        return metrics;
    }

    public final LateRows lateRows() {
        return late;
    }

    /** The id of the last batch that changed the state, -1 if none. */
    public final long version() {
        return version;
    }

    /** Whether this store can write and read back its state (operators with user objects need a codec). */
    public boolean canSave() {
        return true;
    }

    /** The whole raw state (what {@link #load} reads back): an independent batch. */
    public abstract Batch snapshot();

    /** What the batch since {@link #beginBatch} changed in the raw state. */
    public abstract StateDelta delta();

    /** Adds the groups of a raw state {@link #snapshot} made (into an empty store). */
    public abstract void load(Batch raw);

    /** State rows held now. */
    protected abstract long numRows();

    protected abstract long memoryBytes();

    /** Forgets the change tracking of the last batch. */
    protected abstract void clearChanges();
}
