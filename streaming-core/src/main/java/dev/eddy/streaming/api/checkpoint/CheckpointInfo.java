package dev.eddy.streaming.api.checkpoint;

import dev.eddy.streaming.internal.checkpoint.CheckpointReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tech.tablesaw.api.Table;

/**
 * Read-only view of a checkpoint directory (what Spark's state data source and a look into {@code offsets/}
 * give): its query id, batches, offsets per source, watermark, state size per operator and the state of an
 * operator as a table. Never writes; a damaged file raises {@link CorruptCheckpointException} naming it.
 *
 * <pre>{@code
 * CheckpointInfo ck = CheckpointInfo.open(Path.of("/tmp/ckpt/counts"));
 * ck.batches();               // committed batch ids still retained
 * ck.sourceOffsets(ck.lastCommittedBatch().orElseThrow());
 * ck.stateTable(0);           // the first stateful operator's rows at the last committed batch
 * }</pre>
 */
public interface CheckpointInfo {

    static CheckpointInfo open(Path checkpointDir) {
        return new CheckpointReader(checkpointDir);
    }

    UUID queryId();

    /** Batch ids whose offsets are logged (retained), ascending. */
    List<Long> batches();

    /** Committed batch ids (retained), ascending. */
    List<Long> committedBatches();

    Optional<Long> lastCommittedBatch();

    /** Each source's end offset (JSON) for a batch, by source index. */
    List<String> sourceOffsets(long batchId);

    /** The watermark batch {@code batchId} ran with, if it had one. */
    Optional<Instant> watermark(long batchId);

    /** Bytes of the state files (newest snapshot and the deltas after it) restoring each operator's newest state. */
    Map<String, Long> stateSizes();

    /** Stateful operators as the query that wrote the checkpoint described them (plan order). */
    List<String> statefulOperators();

    /** The state of stateful operator {@code index} after the last committed batch, as a table. */
    Table stateTable(int index);
}
