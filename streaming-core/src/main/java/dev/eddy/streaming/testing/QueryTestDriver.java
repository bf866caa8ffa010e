package dev.eddy.streaming.testing;

import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.ErrorRowsReport;
import dev.eddy.streaming.api.LateRowsReport;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.internal.exec.BatchResult;
import dev.eddy.streaming.internal.exec.Explain;
import dev.eddy.streaming.internal.exec.MicroBatchExecutor;
import dev.eddy.streaming.internal.exec.QueryFactory;
import dev.eddy.streaming.internal.exec.QuerySpec;
import dev.eddy.streaming.internal.sink.MemoryTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs a query deterministically on the caller's thread, like Kafka Streams' TopologyTestDriver: no query
 * thread, time only moves with {@link #advanceTime}. Typical use:
 * <pre>{@code
 * ManualClock clock = new ManualClock(0);
 * Eddy eddy = Eddy.builder().clock(clock).build();
 * MemoryStream in = eddy.memoryStream(schema);
 * try (QueryTestDriver d = QueryTestDriver.start(query.writeStream().outputMode("update"))) {
 *     in.addData(row(...));
 *     TriggerResult t = d.runTrigger();   // data batch + the no-data batch it makes due
 *     assertThat(t.newRows())...; assertThat(d.result())...; assertThat(d.stateRows(0))...
 * }
 * }</pre>
 */
public final class QueryTestDriver implements AutoCloseable {
    private final QuerySpec spec;
    private final MicroBatchExecutor exec;
    private final Recorder recorder = new Recorder();
    private List<BatchResult> lastTrigger = List.of();

    private QueryTestDriver(QuerySpec spec, boolean keepResult) {
        this.spec = spec;
        recorder.keepResult = keepResult;
        this.exec = QueryFactory.create(
                spec,
                sink -> {
                    recorder.inner = sink;
                    return recorder;
                },
                p -> {});
        recorder.table =
                new MemoryTable(exec.plan().root().schema(), exec.plan().keyColumns());
        exec.start();
    }

    /** Plans the writer's query (checking output-mode rules) and opens its sources. */
    public static QueryTestDriver start(DataStreamWriter writer) {
        return start(writer, true);
    }

    /**
     * Like {@link #start(DataStreamWriter)}; with {@code keepResult} false the driver keeps no result table
     * (for long runs and benchmarks: {@link #result()} then fails).
     */
    public static QueryTestDriver start(DataStreamWriter writer, boolean keepResult) {
        QuerySpec s = writer.spec();
        if (s.format() == null && s.foreachBatch() == null && s.queryName() == null) {
            s = new QuerySpec(
                    s.plan(),
                    s.mode(),
                    s.trigger(),
                    "test-" + UUID.randomUUID(),
                    s.format(),
                    s.options(),
                    s.checkpointLocation(),
                    s.checkpointStore(),
                    s.foreachBatch(),
                    s.console(),
                    s.noDataBatches(),
                    s.clock(),
                    s.memoryTables());
        }
        return new QueryTestDriver(s, keepResult);
    }

    /** What one trigger did: its batches' progress and the rows they output (empty without a result table). */
    public record TriggerResult(List<QueryProgress> batches, List<Row> newRows) {
        /** The first (data) batch's progress, or null if the trigger ran nothing. */
        public QueryProgress progress() {
            return batches.isEmpty() ? null : batches.get(0);
        }

        public boolean ranNothing() {
            return batches.isEmpty();
        }
    }

    /**
     * Runs one trigger: a data batch if any source has data (else a no-data batch if the watermark makes one
     * due), then the no-data batch the new watermark makes due, if any (Spark runs it right after).
     */
    public TriggerResult runTrigger() {
        List<BatchResult> results = new ArrayList<>();
        Optional<BatchResult> r = exec.runNextBatch(false);
        r.ifPresent(results::add);
        while (r.isPresent() && r.get().hadData() && exec.wantsNoDataBatch()) {
            r = exec.runNextBatch(false);
            r.ifPresent(results::add);
        }
        lastTrigger = results;
        List<QueryProgress> ps = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (BatchResult b : results) {
            ps.add(b.progress());
            if (recorder.keepResult) {
                rows.addAll(b.output().toRows());
            }
        }
        return new TriggerResult(ps, rows);
    }

    /** Moves the engine clock (it must be a {@link ManualClock}). */
    public QueryTestDriver advanceTime(Duration d) {
        if (!(spec.clock() instanceof ManualClock m)) {
            throw new IllegalStateException("advanceTime needs a session built with a ManualClock");
        }
        m.advance(d.toMillis());
        return this;
    }

    /** The whole result table as a memory sink in this output mode would hold it. */
    public List<Row> result() {
        if (!recorder.keepResult) {
            throw new IllegalStateException("this driver was started without a result table");
        }
        return recorder.table.snapshot().toRows();
    }

    /** The output mode under test. */
    public OutputMode outputMode() {
        return spec.mode();
    }

    /** A snapshot of stateful operator {@code index}'s state rows. */
    public List<Row> stateRows(int index) {
        return exec.plan().statefulOps().get(index).stateRows().toRows();
    }

    public Batch stateBatch(int index) {
        return exec.plan().statefulOps().get(index).stateRows();
    }

    /** Rows skipped because a lambda with RowErrorPolicy.CONTINUE threw on them. */
    public ErrorRowsReport errorRows() {
        return exec.plan().errorRows();
    }

    public LateRowsReport droppedRows() {
        return Explain.lateRows(exec.plan());
    }

    /** The watermark the next batch will use. */
    public Optional<Instant> watermark() {
        return Explain.watermark(exec.watermark());
    }

    public QueryProgress lastProgress() {
        return exec.progressLog().last();
    }

    public List<QueryProgress> recentProgress() {
        return exec.progressLog().recent();
    }

    public String explain() {
        return Explain.explain(spec.plan(), exec.plan());
    }

    @Override
    public void close() {
        exec.stop();
    }

    /** Passes batches to the real sink and keeps the result table. */
    private static final class Recorder implements Sink {
        Sink inner;
        MemoryTable table;
        boolean keepResult;

        @Override
        public void addBatch(long batchId, Batch batch, OutputMode mode) {
            if (keepResult) {
                table.apply(batchId, batch, mode);
            }
            inner.addBatch(batchId, batch, mode);
        }

        @Override
        public void stop() {
            inner.stop();
        }

        @Override
        public String description() {
            return inner.description();
        }
    }
}
