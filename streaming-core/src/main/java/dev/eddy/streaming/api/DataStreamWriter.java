package dev.eddy.streaming.api;

import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.internal.exec.QueryFactory;
import dev.eddy.streaming.internal.exec.QuerySpec;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Configures and starts a streaming query: output mode (default append), trigger (default as fast as
 * possible), sink (memory by default: needs a queryName; or console, foreachBatch, a registered format).
 * {@link #start()} plans the query and checks Spark's output-mode rules, failing with the rule's name.
 */
public final class DataStreamWriter {
    private final Eddy session;
    private final Dataset data;
    private OutputMode mode = OutputMode.APPEND;
    private Trigger trigger = Trigger.asFastAsPossible();
    private String queryName;
    private String format;
    private final Map<String, String> options = new LinkedHashMap<>();
    private String checkpointLocation;
    private CheckpointStore checkpointStore;
    private ForeachBatchFunction foreachBatch;
    private PrintStream console;

    DataStreamWriter(Eddy session, Dataset data) {
        this.session = session;
        this.data = data;
    }

    public DataStreamWriter outputMode(String m) {
        return outputMode(OutputMode.parse(m));
    }

    public DataStreamWriter outputMode(OutputMode m) {
        this.mode = m;
        return this;
    }

    public DataStreamWriter trigger(Trigger t) {
        this.trigger = t;
        return this;
    }

    public DataStreamWriter queryName(String name) {
        this.queryName = name;
        return this;
    }

    /**
     * If a query with this writer's name is active when {@link #start()} is called, stop it and take its name
     * (its status then says it was replaced, and by which run). Without this, {@code start()} refuses a duplicate
     * name, as Spark does. The same as {@code option("replace", "true")}. A notebook cell that starts a named query
     * can then run twice.
     */
    public DataStreamWriter replace() {
        return option(QueryFactory.REPLACE_OPTION, "true");
    }

    public DataStreamWriter format(String f) {
        this.format = f;
        return this;
    }

    /**
     * A sink option, or one of the engine's: {@code checkpointLocation} and {@code queryName} (as the methods),
     * {@code minBatchesToRetain}, {@code stateSnapshotInterval}, {@code multipleWatermarkPolicy}. Any option neither
     * the engine nor the sink reads makes {@link #start()} fail, naming it.
     */
    public DataStreamWriter option(String key, String value) {
        options.put(key.toLowerCase(Locale.ROOT), value);
        return this;
    }

    public DataStreamWriter option(String key, long value) {
        return option(key, Long.toString(value));
    }

    public DataStreamWriter option(String key, boolean value) {
        return option(key, Boolean.toString(value));
    }

    public DataStreamWriter options(Map<String, String> all) {
        all.forEach(this::option);
        return this;
    }

    /**
     * Spark's {@code partitionBy}: file sinks that support it (Parquet) write Hive-style directories
     * ({@code date=2024-05-01/}) per value of these columns. The same as {@code option("partitionBy", "a,b")}.
     */
    public DataStreamWriter partitionBy(String... columns) {
        return option("partitionBy", String.join(",", columns));
    }

    public DataStreamWriter checkpointLocation(String path) {
        this.checkpointLocation = path;
        return this;
    }

    /** Plugs in a checkpoint implementation (the seam for the file-based checkpoints). */
    public DataStreamWriter checkpointStore(CheckpointStore store) {
        this.checkpointStore = store;
        return this;
    }

    /** Calls {@code fn} with every batch's output as a Tablesaw table. */
    public DataStreamWriter foreachBatch(ForeachBatchFunction fn) {
        this.foreachBatch = fn;
        return this;
    }

    /** Prints every batch as a text table to {@code out}. */
    public DataStreamWriter console(PrintStream out) {
        this.format = "console";
        this.console = out;
        return this;
    }

    /** Writes to the memory table {@code name} (queryable with {@code session.table(name)}). */
    public DataStreamWriter memory(String name) {
        this.format = "memory";
        this.queryName = name;
        return this;
    }

    /** What this writer would start (engine-internal; used by the test driver and the magics). */
    public QuerySpec spec() {
        Map<String, String> opts = new HashMap<>(options);
        if (session.stateSnapshotInterval() != 10) { // a session default other than the engine's
            opts.putIfAbsent("statesnapshotinterval", Integer.toString(session.stateSnapshotInterval()));
        }
        if (!session.multipleWatermarkPolicy().equals("min")) {
            opts.putIfAbsent("multiplewatermarkpolicy", session.multipleWatermarkPolicy());
        }
        String ckpt = fromOption(opts, "checkpointlocation", "checkpointLocation", checkpointLocation);
        String name = fromOption(opts, "queryname", "queryName", queryName);
        return new QuerySpec(
                data.plan(),
                mode,
                trigger,
                name,
                format,
                Map.copyOf(opts),
                ckpt,
                checkpointStore,
                foreachBatch,
                console,
                session.noDataBatches(),
                session.clock(),
                session.memoryTables());
    }

    /** Spark's {@code .option("checkpointLocation", dir)} and {@code .option("queryName", n)}: the same as the methods. */
    private static String fromOption(Map<String, String> opts, String key, String name, String fromMethod) {
        String fromOpt = opts.remove(key);
        if (fromOpt != null && fromMethod != null && !fromOpt.equals(fromMethod)) {
            throw new IllegalArgumentException(
                    name + " is given twice with different values: '" + fromMethod + "' and option '" + fromOpt + "'");
        }
        return fromMethod != null ? fromMethod : fromOpt;
    }

    /** Starts the query on its own thread. Unknown options fail here, naming them. */
    public StreamingQuery start() {
        return QueryFactory.start(spec(), session.registry());
    }

    /** Spark's {@code start(path)}: option {@code path} (the file sinks' output directory), then {@link #start()}. */
    public StreamingQuery start(String path) {
        option("path", path);
        return start();
    }
}
