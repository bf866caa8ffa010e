package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.internal.checkpoint.FileCheckpointStore;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Plans a query spec and wires its executor (sink, checkpoint store, identity). */
public final class QueryFactory {
    private QueryFactory() {
    }

    /**
     * @param wrapSink lets a caller (the test driver) wrap the sink the spec asks for
     */
    public static MicroBatchExecutor create(QuerySpec spec, UnaryOperator<Sink> wrapSink,
                                            Consumer<QueryProgress> onProgress) {
        PhysicalPlan plan = Planner.plan(spec.plan(), spec.mode(), spec.clock());
        CheckpointStore store = store(spec);
        Sink sink = wrapSink.apply(SinkFactory.create(spec, plan, store.lastCommittedBatch().isPresent()));
        QueryIdentity identity = new QueryIdentity(store.queryId(UUID.randomUUID()), UUID.randomUUID(), spec.queryName());
        return new MicroBatchExecutor(identity, plan, sink, spec.mode(), spec.clock(), store, spec.noDataBatches(),
                new ProgressLog(100, onProgress), java.util.Optional.ofNullable(spec.checkpointLocation()),
                spec.options().getOrDefault("multiplewatermarkpolicy", "min"));
    }

    /**
     * Plans, registers and starts a query on its own thread, and remembers its spec under its name so that
     * {@link QueryRegistry#restart(String)} can start it again.
     */
    public static QueryRunner start(QuerySpec spec, QueryRegistry registry) {
        QueryRunner runner = new QueryRunner(create(spec, s -> s, registry::progress), spec.plan(), spec.trigger(),
                spec.clock(), registry);
        runner.start();
        registry.remember(spec);
        return runner;
    }

    private static CheckpointStore store(QuerySpec spec) {
        if (spec.checkpointStore() != null) {
            return spec.checkpointStore();
        }
        if (spec.checkpointLocation() != null) {
            return new FileCheckpointStore(Path.of(spec.checkpointLocation()),
                    intOption(spec, "minBatchesToRetain", FileCheckpointStore.DEFAULT_MIN_BATCHES_TO_RETAIN),
                    intOption(spec, "stateSnapshotInterval", FileCheckpointStore.DEFAULT_STATE_SNAPSHOT_INTERVAL));
        }
        return CheckpointStore.none();
    }

    private static int intOption(QuerySpec spec, String name, int dflt) {
        String v = spec.options().get(name.toLowerCase(java.util.Locale.ROOT));
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
