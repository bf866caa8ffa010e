package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SupportsTriggerAvailableNow;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.internal.ops.BatchContext;
import dev.eddy.streaming.internal.ops.StatefulOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Runs a planned query one micro-batch at a time, Spark's way: ask sources for their latest offsets, log
 * the offsets, read the batches, run the operators ({@link OperatorDriver}), hand the output to the sink, let each
 * stateful operator's state store write what the batch changed, commit, then move the
 * watermark ({@link WatermarkTracker}: Spark's rules, from the epoch, never backwards). A no-data batch runs
 * when no source has data but a stateful operator would act on the new watermark.
 *
 * <p>Single-threaded: all methods are called by the thread that owns the query (the query thread, or
 * the test driver's caller). Readers use {@link ProgressLog}'s snapshots.
 *
 * <p>Read-ahead ({@link ReadAhead}): when the caller asks for it, the sources that {@link Source#supportsReadAhead()
 * support it} read the next batch's input on a helper thread while this batch runs its operators, sink and commit.
 * The next batch uses that input only for a source whose logged range ({@code offsets/N+1}) is exactly the range read;
 * otherwise it reads the logged range itself, as without read-ahead.
 */
public final class MicroBatchExecutor {
    private final QueryIdentity identity;
    private final PhysicalPlan plan;
    private final OperatorDriver driver;
    private final Sink sink;
    private final OutputMode mode;
    private final Clock clock;
    private final CheckpointStore store;
    private final boolean noDataBatches;
    private final ProgressLog progressLog;
    private final Optional<String> checkpointLocation;
    private final Source[] sources;
    private Offset[] starts;
    private long nextBatchId;
    private final WatermarkTracker watermarks;
    private volatile long watermark;
    /**
     * The watermark the previous batch ran with: Spark's watermark for late events (stateful operators drop input
     * rows at or below it, while they evict and emit by the current batch's watermark). 0 before batch 0.
     */
    private long previousBatchWatermark;
    /** Whether this run has run a batch (after that, the operators know the watermark their last batch used). */
    private boolean ranBatch;
    /**
     * The watermark the checkpoint's last batch ran with (offsets/N), or the initial one. Until this run has run a
     * batch, a no-data batch runs only if the restored watermark is ahead of it: the no-data batch the old run had
     * due when it ended (killed between a data batch and its no-data batch). A query that ended idle restarts with
     * no batch until new data arrives, as in Spark.
     */
    private long resumedBatchWatermark;

    private long lastTriggerStart = -1;
    /** End offsets of a batch that was logged but not committed before a restart: it is re-run first. */
    private Offset[] replay;
    /** The logged timestamp of the batch to run again ({@link #replay}): Spark re-runs it with its batch time. */
    private long replayTimestamp;

    private final ReadAheadSchedule readAheads;
    /** Engine-clock time the batch being planned waited for its read-ahead (it counts as getBatch time). */
    private long readAheadWait;

    /** @param watermarkPolicy Spark's multipleWatermarkPolicy: "min" (the default) or "max" */
    public MicroBatchExecutor(
            QueryIdentity identity,
            PhysicalPlan plan,
            Sink sink,
            OutputMode mode,
            Clock clock,
            CheckpointStore store,
            boolean noDataBatches,
            ProgressLog progressLog,
            Optional<String> checkpointLocation,
            String watermarkPolicy) {
        this.watermarks = new WatermarkTracker(plan.watermarks(), WatermarkTracker.Policy.parse(watermarkPolicy));
        this.watermark = watermarks.current();
        this.resumedBatchWatermark = watermark;
        this.previousBatchWatermark = watermark;
        this.checkpointLocation = checkpointLocation;
        this.identity = identity;
        this.plan = plan;
        this.driver = new OperatorDriver(plan.root());
        this.sink = sink;
        this.mode = mode;
        this.clock = clock;
        this.store = store;
        this.noDataBatches = noDataBatches;
        this.progressLog = progressLog;
        this.sources = new Source[plan.scans().size()];
        this.starts = new Offset[sources.length];
        this.readAheads =
                new ReadAheadSchedule(identity.name() == null ? identity.id().toString() : identity.name());
    }

    /** Creates the sources and resumes from the checkpoint store. Call once before any batch. */
    public void start() {
        for (int i = 0; i < sources.length; i++) {
            Scan s = plan.scans().get(i);
            String sub = "/sources/" + i;
            sources[i] = Providers.source(s.format())
                    .createSource(new SourceContext(
                            s.options(), Optional.of(s.schema()), clock, checkpointLocation.map(c -> c + sub)));
            Set<String> read = plan.readColumns(i);
            if (read != null && !read.containsAll(sources[i].schema().names())) {
                sources[i].pruneColumns(read);
            }
            starts[i] = sources[i].initialOffset();
        }
        List<String> stateful = new ArrayList<>();
        for (StatefulOperator op : plan.statefulOps()) {
            stateful.add(op.describe());
        }
        store.checkPlan(stateful, sources.length);
        for (int i = 0; i < plan.statefulOps().size(); i++) {
            plan.statefulOps().get(i).store().attach(store.stateStorage(String.valueOf(i)));
        }
        resume();
    }

    private void resume() {
        Optional<OffsetLogEntry> last = store.lastOffsets();
        if (last.isEmpty()) {
            return;
        }
        OffsetLogEntry e = last.get();
        OptionalLong committed = store.lastCommittedBatch();
        // the batch this run resumes at is known before state is read: an error restoring it names that batch
        nextBatchId = committed.isPresent() && committed.getAsLong() >= e.batchId() ? e.batchId() + 1 : e.batchId();
        if (committed.isPresent()) {
            restoreState(committed.getAsLong());
        }
        if (committed.isPresent() && committed.getAsLong() >= e.batchId()) {
            starts = parse(e);
            nextBatchId = e.batchId() + 1;
        } else {
            Optional<OffsetLogEntry> prev = store.offsetsOf(e.batchId() - 1);
            if (prev.isPresent()) {
                starts = parse(prev.get());
            }
            nextBatchId = e.batchId();
            replay = parse(e);
            replayTimestamp = e.batchTimestampMillis();
        }
        // Spark's restart: the watermark batch e ran with (offsets/N), or, if e committed, the larger of that and
        // the one its commit recorded for the next batch (commits/N)
        long restored = e.watermarkMicros();
        if (committed.isPresent() && committed.getAsLong() >= e.batchId()) {
            restored = Math.max(
                    restored, store.watermarkAfter(committed.getAsLong()).orElse(restored));
        }
        watermarks.restore(restored);
        // as Spark's OffsetSeqMetadata: the checkpoint's policy wins; a checkpoint that names none ran with "min"
        watermarks.restorePolicy(
                WatermarkTracker.Policy.parse(e.conf().getOrDefault(OffsetLogEntry.MULTIPLE_WATERMARK_POLICY, "min")));
        watermark = watermarks.current();
        resumedBatchWatermark = plan.watermarks().isEmpty() ? watermark : Math.max(0, e.watermarkMicros());
        // as Spark's offsetLog.offsetSeqMetadataForBatchId(batchId - 1): the late-event watermark survives a restart
        if (!plan.watermarks().isEmpty()) {
            previousBatchWatermark = store.offsetsOf(nextBatchId - 1)
                    .map(o -> Math.max(0, o.watermarkMicros()))
                    .orElse(0L);
        }
    }

    private void restoreState(long version) {
        for (StatefulOperator op : plan.statefulOps()) {
            op.store().restore(version, op.describe());
        }
    }

    private Offset[] parse(OffsetLogEntry e) {
        Offset[] out = new Offset[sources.length];
        for (int i = 0; i < out.length; i++) {
            String json = i < e.sourceOffsets().size() ? e.sourceOffsets().get(i) : null;
            out[i] = json == null ? sources[i].initialOffset() : sources[i].deserializeOffset(json);
        }
        return out;
    }

    /**
     * Spark's {@code Trigger.AvailableNow}: if every source {@link SupportsTriggerAvailableNow supports it}, each
     * fixes its end now and this returns true; the run then takes batches within the sources' per-trigger limits
     * until {@link #runNextBatch} finds none. Otherwise nothing is prepared and this returns false: as Spark, the
     * query falls back to a single batch with everything available ({@code Trigger.once()}). Call once, after
     * {@link #start()}, on the query thread.
     */
    public boolean prepareForTriggerAvailableNow() {
        for (Source s : sources) {
            if (!(s instanceof SupportsTriggerAvailableNow)) {
                return false;
            }
        }
        for (Source s : sources) {
            ((SupportsTriggerAvailableNow) s).prepareForTriggerAvailableNow();
        }
        return true;
    }

    /**
     * Runs the next batch if there is one to run: a data batch if any source has new data, else a no-data
     * batch if the watermark moved and a stateful operator wants it. Returns empty when idle.
     *
     * @param allAvailable take everything available, ignoring the sources' per-trigger limits ({@code Trigger.once()})
     */
    public Optional<BatchResult> runNextBatch(boolean allAvailable) {
        return runNextBatch(allAvailable, false);
    }

    /**
     * As {@link #runNextBatch(boolean)}; with {@code readAheadNext} the batch run now starts reading the next
     * batch's input ahead (sources that support it), which the next call uses where its logged range is the same.
     */
    public Optional<BatchResult> runNextBatch(boolean allAvailable, boolean readAheadNext) {
        long t0 = clock.millis();
        readAheads.collect(readAheadNext, allAvailable);
        readAheadWait = clock.millis() - t0;
        if (replay != null) {
            Offset[] logged = replay;
            replay = null;
            return Optional.of(runBatch(logged, true, t0, t0 + readAheadWait, replayTimestamp));
        }
        Offset[] latest = new Offset[sources.length];
        boolean hasData = false;
        for (int i = 0; i < sources.length; i++) {
            latest[i] = sources[i].latestOffset(starts[i], new TriggerContext(nextBatchId, t0, allAvailable));
            hasData |= !latest[i].equals(starts[i]);
        }
        long tLatest = clock.millis();
        if (!hasData && !wantsNoDataBatch()) {
            readAheads.drop();
            return Optional.empty();
        }
        return Optional.of(runBatch(latest, hasData, t0, tLatest, t0));
    }

    /** True if a no-data batch would do work now (evict, emit, time out). */
    public boolean wantsNoDataBatch() {
        if (!noDataBatches || !ranBatch && watermark <= resumedBatchWatermark) {
            return false;
        }
        for (StatefulOperator op : plan.statefulOps()) {
            if (op.wantsNoDataBatch(driver.inputWatermark(op, watermark))) { // its own input watermark
                return true;
            }
        }
        return false;
    }

    /** @param batchTimestamp the batch's time (current_timestamp(), timeouts): t0, or the logged one when re-run */
    private BatchResult runBatch(Offset[] latest, boolean hasData, long t0, long tLatest, long batchTimestamp) {
        long batchId = nextBatchId;
        long wmUsed = watermark;
        List<String> jsons = new ArrayList<>();
        for (Offset o : latest) {
            jsons.add(o.json());
        }
        store.logOffsets(new OffsetLogEntry(
                batchId,
                jsons,
                wmUsed,
                batchTimestamp,
                Map.of(
                        OffsetLogEntry.MULTIPLE_WATERMARK_POLICY,
                        watermarks.policy().name().toLowerCase(Locale.ROOT))));
        long tWal = clock.millis();
        Batch[] inputs = new Batch[sources.length];
        long numInput = 0;
        long[] perSource = new long[sources.length];
        Batch[] ahead = readAheads.claim(starts, latest); // the log fixed each range: read-ahead rows only if equal
        for (int i = 0; i < sources.length; i++) {
            inputs[i] = latest[i].equals(starts[i])
                    ? Batch.empty(sources[i].schema())
                    : ahead != null && ahead[i] != null ? ahead[i] : sources[i].getBatch(starts[i], latest[i]);
            perSource[i] = sources[i].numInputRows(inputs[i]);
            numInput += perSource[i];
        }
        long tGet = clock.millis();
        readAheads.start(sources, batchId, latest, tGet);
        Batch out = driver.run(new BatchContext(batchId, wmUsed, previousBatchWatermark, inputs, mode, batchTimestamp));
        sink.addBatch(batchId, out, mode);
        long tAdd = clock.millis();
        for (StatefulOperator op : plan.statefulOps()) {
            op.store().checkpoint(batchId);
        }
        previousBatchWatermark = wmUsed;
        watermarks.update();
        watermark = watermarks.current();
        ranBatch = true;
        store.commitBatch(batchId, watermark);
        Offset[] previous = starts;
        for (int i = 0; i < sources.length; i++) {
            if (!latest[i].equals(starts[i])) {
                sources[i].commit(latest[i]);
            }
        }
        starts = latest;
        nextBatchId++;
        long tEnd = clock.millis();
        var progress = ProgressBuilder.build(
                identity,
                batchId,
                t0,
                lastTriggerStart,
                numInput,
                perSource,
                new long[] {
                    tLatest - t0 - readAheadWait, tWal - tLatest, tGet - tWal + readAheadWait, tAdd - tGet, tEnd - t0
                },
                wmUsed,
                plan,
                sources,
                previous,
                latest,
                sink,
                out.numRows());
        lastTriggerStart = t0;
        progressLog.add(progress);
        return new BatchResult(batchId, hasData, wmUsed, out, progress);
    }

    /** The watermark the next batch will use (epoch micros), or BatchContext.NO_WATERMARK. */
    public long watermark() {
        return watermark;
    }

    public long nextBatchId() {
        return nextBatchId;
    }

    public PhysicalPlan plan() {
        return plan;
    }

    public ProgressLog progressLog() {
        return progressLog;
    }

    public QueryIdentity identity() {
        return identity;
    }

    /** A status message from the sources and the sink (e.g. "waiting for broker"), empty if none. Any thread. */
    public String sourceStatus() {
        StringBuilder sb = new StringBuilder();
        for (Source s : sources) {
            if (s != null && !s.status().isEmpty()) {
                sb.append(sb.length() > 0 ? "; " : "").append(s.status());
            }
        }
        String sinkStatus = sink.status();
        if (!sinkStatus.isEmpty()) {
            sb.append(sb.length() > 0 ? "; " : "").append(sinkStatus);
        }
        return sb.toString();
    }

    /** Asks sources and sink that wait for an external system to give up (the query is stopping). Any thread. */
    public void cancelWaits() {
        readAheads.cancel();
        cancelSources();
        quietly(() -> sink.cancel()); // a lambda: a null sink fails inside, as before
    }

    private void cancelSources() {
        for (Source s : sources) {
            if (s != null) {
                quietly(s::cancel);
            }
        }
    }

    /** Ends the read-ahead (waiting for its thread), then stops sources and sink; never throws. */
    public void stop() {
        readAheads.close(this::cancelSources);
        for (Source s : sources) {
            if (s != null) {
                quietly(s::stop);
            }
        }
        quietly(() -> sink.stop());
    }

    /**
     * Runs a source's or the sink's cancel() or stop(), which must not throw: if one does anyway, the others are still
     * told (a broken source must not keep the others open).
     */
    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // see the comment: the caller goes on with the others
        }
    }
}
