package dev.eddy.streaming.api;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.StaticScan;
import dev.eddy.streaming.internal.exec.QueryRegistry;
import dev.eddy.streaming.internal.sink.MemoryTable;
import dev.eddy.streaming.internal.sink.MemoryTables;
import dev.eddy.streaming.internal.source.memory.MemorySource;
import dev.eddy.streaming.internal.source.memory.MemorySources;
import dev.eddy.streaming.internal.table.Tables;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tech.tablesaw.api.Table;

/**
 * The engine session: the entry point a notebook gets (like {@code spark} in PySpark).
 * <pre>{@code
 * Eddy eddy = Eddy.create();
 * Dataset lines = eddy.readStream().format("socket").option("port", "9999").load();
 * StreamingQuery q = lines.select(explode(split(col("value"), " ")).as("word"))...
 * }</pre>
 * Thread-safe.
 */
public final class Eddy {
    private final Clock clock;
    private final boolean noDataBatches;
    private final int stateSnapshotInterval;
    private final String multipleWatermarkPolicy;
    private final MemoryTables memoryTables = new MemoryTables();
    private final QueryRegistry registry = new QueryRegistry();
    private final StreamingQueryManager streams = new StreamingQueryManager(registry);
    private final Map<String, Dataset> views = new ConcurrentHashMap<>();
    /** The memory streams this session made, by id: they end with it ({@link #shutdown()}). */
    private final Map<String, MemorySource> memoryStreams = new ConcurrentHashMap<>();

    private Eddy(Clock clock, boolean noDataBatches, int stateSnapshotInterval, String multipleWatermarkPolicy) {
        this.multipleWatermarkPolicy = multipleWatermarkPolicy;
        this.clock = clock;
        this.noDataBatches = noDataBatches;
        this.stateSnapshotInterval = stateSnapshotInterval;
    }

    /** A session on the system clock. */
    public static Eddy create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Session settings. */
    public static final class Builder {
        private Clock clock = Clock.system();
        private boolean noDataBatches = true;
        private int stateSnapshotInterval = 10;
        private String multipleWatermarkPolicy = "min";

        /** The clock the engine reads (a {@link ManualClock} in tests). */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Whether no-data batches run when the watermark moves (Spark's default: true). */
        public Builder noDataBatches(boolean enabled) {
            this.noDataBatches = enabled;
            return this;
        }

        /**
         * Checkpointed queries write each stateful operator's changes as a delta every batch and its whole state
         * every {@code versions} batches (default 10; a query's writer option {@code stateSnapshotInterval} wins).
         */
        public Builder stateSnapshotInterval(int versions) {
            if (versions < 1) {
                throw new IllegalArgumentException("stateSnapshotInterval must be at least 1, got " + versions);
            }
            this.stateSnapshotInterval = versions;
            return this;
        }

        /**
         * Spark's {@code spark.sql.streaming.multipleWatermarkPolicy} for queries with several watermarked inputs:
         * {@code "min"} (the default: the global watermark follows the slowest input) or {@code "max"} (the
         * fastest). A query's writer option {@code multipleWatermarkPolicy} wins.
         */
        public Builder multipleWatermarkPolicy(String policy) {
            String p = policy.trim().toLowerCase(Locale.ROOT);
            if (!p.equals("min") && !p.equals("max")) {
                throw new IllegalArgumentException(
                        "multipleWatermarkPolicy must be 'min' or 'max', got '" + policy + "'");
            }
            this.multipleWatermarkPolicy = p;
            return this;
        }

        public Eddy build() {
            return new Eddy(clock, noDataBatches, stateSnapshotInterval, multipleWatermarkPolicy);
        }
    }

    public Clock clock() {
        return clock;
    }

    public boolean noDataBatches() {
        return noDataBatches;
    }

    /** The session's default snapshot interval of checkpointed state (see {@link Builder#stateSnapshotInterval}). */
    public int stateSnapshotInterval() {
        return stateSnapshotInterval;
    }

    /** The session's policy for several watermarks: "min" or "max" (see {@link Builder#multipleWatermarkPolicy}). */
    public String multipleWatermarkPolicy() {
        return multipleWatermarkPolicy;
    }

    /** Reads bounded data once (Parquet files, ...) as a Tablesaw table: {@code eddy.read().parquet(path)}. */
    public DataFrameReader read() {
        return new DataFrameReader(clock());
    }

    public DataStreamReader readStream() {
        return new DataStreamReader(this);
    }

    /** A stream that tests and notebooks add rows to (its generated {@link MemoryStream#id()} names it for SQL). */
    public MemoryStream memoryStream(Schema schema) {
        return new MemoryStream(this, schema);
    }

    /**
     * A memory stream with a chosen id, so SQL can name it: {@code WITH ('connector' = 'memory', 'id' = 'clicks')}. A
     * second stream with the same id replaces the first for queries started afterwards.
     */
    public MemoryStream memoryStream(String id, Schema schema) {
        return new MemoryStream(this, id, schema);
    }

    /** A static Dataset over a Tablesaw table (for stream-static joins). */
    public Dataset createDataFrame(Table table) {
        return new Dataset(this, new StaticScan(table.name(), Tables.fromTable(table)));
    }

    /** A static Dataset over a batch. */
    public Dataset createDataFrame(String name, Batch batch) {
        return new Dataset(this, new StaticScan(name, batch));
    }

    /** The current contents of a memory-sink query's table, as a Tablesaw table. */
    public Table table(String name) {
        return Tables.toTable(name, memoryTable(name));
    }

    /** The current contents of a memory-sink query's table, as an engine batch. */
    public Batch memoryTable(String name) {
        return memoryTables
                .get(name)
                .map(MemoryTable::snapshot)
                .orElseThrow(() ->
                        new IllegalArgumentException("no memory table '" + name + "'; known: " + memoryTables.names()));
    }

    public Set<String> memoryTableNames() {
        return memoryTables.names();
    }

    /** Registers a Dataset under a name (what {@link Dataset#createOrReplaceTempView} does). */
    public void registerView(String name, Dataset ds) {
        views.put(name, ds);
    }

    /** A named Dataset (a temp view) or an IllegalArgumentException naming the known views. */
    public Dataset view(String name) {
        Dataset d = views.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no view '" + name + "'; known: " + new TreeSet<>(views.keySet()));
        }
        return d;
    }

    public Set<String> viewNames() {
        return new TreeSet<>(views.keySet());
    }

    public StreamingQueryManager streams() {
        return streams;
    }

    MemoryTables memoryTables() {
        return memoryTables;
    }

    QueryRegistry registry() {
        return registry;
    }

    /** Registers a memory stream under its id for this session (a later one with the same id replaces it). */
    void ownMemoryStream(String id, MemorySource source) {
        memoryStreams.put(id, source);
        MemorySources.register(id, source);
    }

    /**
     * Ends the session: stops every active query, forgets every query and restart spec, and unregisters the memory
     * streams it made (their ids no longer resolve). Views and memory tables stay readable. Idempotent.
     */
    public void shutdown() {
        registry.shutdown();
        memoryStreams.forEach(MemorySources::unregister);
        memoryStreams.clear();
    }
}
