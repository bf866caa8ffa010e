package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.internal.checkpoint.FileCheckpointStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Plans a query spec and wires its executor (sink, checkpoint store, identity). */
public final class QueryFactory {
    private QueryFactory() {}

    /**
     * @param wrapSink lets a caller (the test driver) wrap the sink the spec asks for
     */
    public static MicroBatchExecutor create(
            QuerySpec spec, UnaryOperator<Sink> wrapSink, Consumer<QueryProgress> onProgress) {
        return create(
                spec, Planner.plan(spec.plan(), spec.mode(), spec.clock()), wrapSink, onProgress, UUID.randomUUID());
    }

    private static MicroBatchExecutor create(
            QuerySpec spec,
            PhysicalPlan plan,
            UnaryOperator<Sink> wrapSink,
            Consumer<QueryProgress> onProgress,
            UUID runId) {
        if ("false".equalsIgnoreCase(spec.options().getOrDefault(COLUMN_PRUNING_OPTION, "true"))) {
            plan = new PhysicalPlan(
                    plan.root(),
                    plan.scans(),
                    plan.watermarks(),
                    plan.statefulOps(),
                    plan.keyColumns()); // every source builds every column
        }
        CheckpointStore store = store(spec);
        QueryIdentity identity = new QueryIdentity(store.queryId(UUID.randomUUID()), runId, spec.queryName());
        Sink sink = wrapSink.apply(
                SinkFactory.create(spec, plan, store.lastCommittedBatch().isPresent(), identity.id()));
        return new MicroBatchExecutor(
                identity,
                plan,
                sink,
                spec.mode(),
                spec.clock(),
                store,
                spec.noDataBatches(),
                new ProgressLog(100, onProgress),
                Optional.ofNullable(spec.checkpointLocation()),
                spec.options().getOrDefault("multiplewatermarkpolicy", "min"));
    }

    /**
     * Plans, registers and starts a query on its own thread, and remembers its spec under its name so that
     * {@link QueryRegistry#restart(String)} can start it again.
     */
    public static QueryRunner start(QuerySpec spec, QueryRegistry registry) {
        PhysicalPlan plan = Planner.plan(spec.plan(), spec.mode(), spec.clock()); // a plan error stops nothing
        UUID runId = UUID.randomUUID();
        if (replaces(spec)) {
            // before the new run opens the checkpoint: the old run must not commit another batch after that
            registry.stopForReplacement(
                    spec.queryName(),
                    "Replaced by a new run of '" + spec.queryName()
                            + "' (run " + shortId(runId) + ") started "
                            + Instant.ofEpochMilli(spec.clock().millis()).truncatedTo(ChronoUnit.SECONDS));
        }
        QueryRunner runner = new QueryRunner(
                create(spec, plan, s -> s, registry::progress, runId),
                spec.plan(),
                spec.trigger(),
                spec.clock(),
                registry);
        registry.remember(spec); // also when start() throws: a query that could not start can be restarted
        runner.start();
        return runner;
    }

    /** Whether the writer asked to replace an active query of the same name ({@code replace()}). */
    static boolean replaces(QuerySpec spec) {
        return spec.queryName() != null
                && "true".equalsIgnoreCase(spec.options().getOrDefault(REPLACE_OPTION, ""));
    }

    /** The writer option that turns column pruning off ({@code "false"}): sources then build every column. */
    public static final String COLUMN_PRUNING_OPTION = "columnpruning";

    /** The writer option that {@code DataStreamWriter.replace()} sets. */
    public static final String REPLACE_OPTION = "replace";

    /** The first 8 hex digits of an id: what views and lists show. */
    public static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    private static CheckpointStore store(QuerySpec spec) {
        if (spec.checkpointStore() != null) {
            return spec.checkpointStore();
        }
        if (spec.checkpointLocation() != null) {
            return new FileCheckpointStore(
                    Path.of(spec.checkpointLocation()),
                    intOption(spec, "minBatchesToRetain", FileCheckpointStore.DEFAULT_MIN_BATCHES_TO_RETAIN),
                    intOption(spec, "stateSnapshotInterval", FileCheckpointStore.DEFAULT_STATE_SNAPSHOT_INTERVAL));
        }
        return CheckpointStore.none();
    }

    private static int intOption(QuerySpec spec, String name, int dflt) {
        String v = spec.options().get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " must be a whole number, got '" + v + "'");
        }
    }
}
