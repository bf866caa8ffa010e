package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.spi.Sink;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Plans a query spec and wires its executor (sink, checkpoint store, identity). */
public final class QueryFactory {
    /** Until file checkpoints exist, a checkpoint location maps to an in-memory store for this JVM. */
    private static final Map<String, CheckpointStore> STORES = new ConcurrentHashMap<>();

    private QueryFactory() {
    }

    /**
     * @param wrapSink lets a caller (the test driver) wrap the sink the spec asks for
     */
    public static MicroBatchExecutor create(QuerySpec spec, UnaryOperator<Sink> wrapSink,
                                            Consumer<QueryProgress> onProgress) {
        PhysicalPlan plan = Planner.plan(spec.plan(), spec.mode(), spec.clock());
        Sink sink = wrapSink.apply(SinkFactory.create(spec, plan));
        CheckpointStore store = store(spec);
        QueryIdentity identity = new QueryIdentity(store.queryId(UUID.randomUUID()), UUID.randomUUID(), spec.queryName());
        return new MicroBatchExecutor(identity, plan, sink, spec.mode(), spec.clock(), store, spec.noDataBatches(),
                new ProgressLog(100, onProgress), java.util.Optional.ofNullable(spec.checkpointLocation()));
    }

    private static CheckpointStore store(QuerySpec spec) {
        if (spec.checkpointStore() != null) {
            return spec.checkpointStore();
        }
        if (spec.checkpointLocation() != null) {
            return STORES.computeIfAbsent(spec.checkpointLocation(),
                    k -> new dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore(true));
        }
        return CheckpointStore.none();
    }
}
