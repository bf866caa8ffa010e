package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.util.Map;
import java.util.Set;

/**
 * A streaming source, created per query run by a {@link SourceProvider}.
 *
 * <p>Threading: every method is called from the query's single thread, never concurrently (except for a source
 * that {@link #supportsReadAhead() supports read-ahead}: see there). A source may
 * receive data on its own threads (a socket reader, a broker client) but hands it out only here.
 *
 * <p>Call order for one query run:
 * <ol>
 *   <li>{@link #schema()} (any time, must always return the same schema)</li>
 *   <li>{@link #initialOffset()} once, when the query has no checkpointed offset for this source; on a
 *       restart the engine instead deserializes the checkpointed offset with {@link #deserializeOffset}</li>
 *   <li>per trigger: {@link #latestOffset(Offset, TriggerContext)}; if it differs from the start offset the
 *       engine logs the offset range (a checkpoint's {@code offsets/N}) and then calls
 *       {@link #getBatch(Offset, Offset)} for {@code [start, end)}; after the sink has committed that batch
 *       it calls {@link #commit(Offset)} with {@code end}</li>
 *   <li>{@link #stop()} once, when the query stops or fails (also after an exception from this source)</li>
 * </ol>
 * On a restart from a checkpoint the engine may call {@code getBatch} again for the last logged but not
 * committed range: a {@link #isReplayable() replayable} source must return the same rows for the same
 * range.
 *
 * <p>Errors: throw an exception with a clear message; the engine marks the query failed with it and calls
 * {@link #stop()}. A source that cannot reach its data yet (a broker that is down) should instead return
 * the start offset from {@code latestOffset} and report why through {@link #status()}.
 */
public interface Source {

    /** The schema of every batch this source returns. */
    Schema schema();

    /**
     * Column pruning: the query reads only {@code columns} of {@link #schema()}. Called at most once, right after the
     * source is created (before {@link #initialOffset()}); not called when the query reads every column. A source may
     * then leave every other column null instead of building it (e.g. skip decoding a JSON field, or a Kafka
     * record's metadata). The schema stays the same, and so must everything the query can see: the rows, their
     * order and which of them are corrupt (a skipped field is still checked if its value decides that).
     */
    default void pruneColumns(Set<String> columns) {}

    /** The position of the first record this source will ever return (e.g. 0, or per-partition starts). */
    Offset initialOffset();

    /**
     * The offset up to which data is available now, starting from {@code start}: return {@code start}
     * itself (an equal offset) when nothing new is available. A source that caps rows per trigger
     * (e.g. a {@code maxOffsetsPerTrigger} option) applies the cap here, unless
     * {@link TriggerContext#allAvailable()}; such a source should also implement
     * {@link SupportsTriggerAvailableNow}. Must not block for long. {@link CounterSource} and
     * {@link FileListSource} do this planning for counter and file-list offsets.
     */
    Offset latestOffset(Offset start, TriggerContext trigger);

    /**
     * The records in {@code [start, end)} as one batch with {@link #schema()}. {@code end} is an offset this
     * source returned from {@code latestOffset} (or read back from a checkpoint).
     */
    Batch getBatch(Offset start, Offset end);

    /** Data before {@code end} has been processed and committed; the source may release it. */
    default void commit(Offset end) {}

    /** Releases resources (threads, sockets, files). Called once; must not throw. */
    default void stop() {}

    /** True if {@code getBatch} returns the same rows for the same range again (false for sockets). */
    boolean isReplayable();

    /** Parses an offset this source wrote with {@link Offset#json()}. */
    Offset deserializeOffset(String json);

    /** A short description for progress reports, e.g. {@code TopicSource[clicks]}. */
    String description();

    /**
     * A human-readable status, e.g. "waiting for broker at localhost:9092"; empty when all is well. May be called
     * from any thread (also while {@code getBatch} waits), so keep it in a volatile field.
     */
    default String status() {
        return "";
    }

    /**
     * Called from another thread when the query is being stopped: a source that is waiting for an external
     * system (a broker that is down) should stop waiting and throw a
     * {@link java.util.concurrent.CancellationException} from the waiting call. Must not throw.
     */
    default void cancel() {}

    /**
     * Source-specific figures for the query progress ({@code sources[i].metrics}, as in Spark), e.g. a Kafka
     * source's lag behind the latest offsets. Called after each batch; empty by default.
     */
    default Map<String, String> metrics() {
        return Map.of();
    }

    /**
     * How many records this source read for {@code batch} (one its {@link #getBatch} returned): the query progress's
     * numInputRows. Its rows by default; a source that drops malformed records while it decodes them (mode
     * DROPMALFORMED on a topic or Kafka source) counts them too, as Spark counts the records its Kafka source reads.
     */
    default long numInputRows(Batch batch) {
        return batch.numRows();
    }

    /**
     * Read-ahead hook: true lets the engine read the next batch while the query thread runs this one's operators
     * and sink. It then calls {@link #latestOffset} from where this batch ends (with the next batch's
     * {@link TriggerContext}) and {@link #getBatch} for that range on its read-ahead thread. Those two calls are never
     * concurrent with this source's {@code latestOffset} or {@code getBatch} on the query thread, but may overlap
     * {@link #commit}, {@link #metrics}, {@link #status} and {@link #cancel}; they must have no effect other than
     * reading (the engine may drop what they read). The next batch uses the rows only if the range it logs in
     * {@code offsets/N} is exactly the range read, so exactly-once and replay are unchanged. Only a
     * {@link #isReplayable() replayable} source whose {@code getBatch} reads without consuming may return true.
     * False by default: the source is read as before, one batch at a time.
     */
    default boolean supportsReadAhead() {
        return false;
    }
}
