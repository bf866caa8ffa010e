package dev.eddy.magics.internal.stream;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.chart.ChartSpec;
import dev.eddy.magics.internal.engine.RemoteEngines;
import dev.eddy.magics.internal.parse.NearestName;
import dev.eddy.magics.internal.table.StatusLine;
import dev.eddy.streaming.api.LateRowsReport;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.checkpoint.CheckpointInfo;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.progress.QueryProgress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The tables and charts {@code %stream} shows about queries. */
final class QueryInfo {
    private final EddyRuntime runtime;

    QueryInfo(EddyRuntime runtime) {
        this.runtime = runtime;
    }

    StreamingQuery query(String name) {
        var remote = RemoteEngines.of(runtime).run(name);
        if (remote.isPresent()
                && runtime.eddy()
                        .streams()
                        .find(name)
                        .filter(StreamingQuery::isActive)
                        .isEmpty()) {
            return remote.get().query(); // a query on Spark: the same handle as a local one
        }
        return runtime.eddy().streams().find(name).orElseThrow(() -> {
            List<String> names = new ArrayList<>();
            runtime.eddy().streams().all().forEach(q -> names.add(q.name()));
            String hint = NearestName.hint(name, names);
            return new MagicException("No query named '" + name + "'." + hint + " %stream list shows them.");
        });
    }

    /** Fails unless a query of this name was started in this session (running or not), suggesting the nearest. */
    void requireStarted(String name) {
        if (!runtime.eddy().streams().restartable().contains(name)) {
            List<String> known = new ArrayList<>(runtime.eddy().streams().restartable());
            String hint = NearestName.hint(name, known);
            throw new MagicException("No query named '" + name + "' was started in this session." + hint);
        }
    }

    /**
     * Every query of the session, running or ended (until {@code %stream forget}): state, last batch, rates rounded
     * to one decimal, a short run id, and the first line of a failure.
     */
    Table list() {
        StringColumn name = StringColumn.create("name");
        StringColumn state = StringColumn.create("state");
        LongColumn batch = LongColumn.create("last_batch");
        DoubleColumn in = DoubleColumn.create("input_rows_per_s");
        DoubleColumn done = DoubleColumn.create("processed_rows_per_s");
        StringColumn run = StringColumn.create("run");
        StringColumn error = StringColumn.create("error");
        List<StreamingQuery> all = new ArrayList<>(runtime.eddy().streams().all());
        for (var remote : RemoteEngines.of(runtime).runs()) {
            all.add(remote.query()); // queries on Spark, listed like local ones
        }
        for (StreamingQuery q : all) {
            QueryProgress p = q.lastProgress();
            name.append(q.name() == null ? "(unnamed)" : q.name());
            state.append(q.state().name());
            if (p == null) {
                batch.appendMissing();
                in.appendMissing();
                done.appendMissing();
            } else {
                batch.append(p.batchId());
                in.append(oneDecimal(p.inputRowsPerSecond()));
                done.append(oneDecimal(p.processedRowsPerSecond()));
            }
            run.append(q.runId().toString().substring(0, 8));
            error.append(q.exception()
                    .map(e -> "batch " + e.batchId() + ": " + firstLine(e.getCause()))
                    .orElse(""));
        }
        return Table.create("queries", name, state, batch, in, done, run, error);
    }

    static double oneDecimal(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The first line of a failure's cause, at most 160 characters. */
    static String firstLine(Throwable t) {
        String s = t == null ? "" : String.valueOf(t);
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl);
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }

    /** {@code %stream status}: the status line, what the query is doing, and for a failed query its error. */
    Object status(StreamingQuery q) {
        StringBuilder b = new StringBuilder(StatusLine.of(q)).append('\n').append(q.status());
        q.exception()
                .ifPresent(e -> b.append("\nerror in batch ")
                        .append(e.batchId())
                        .append(": ")
                        .append(String.valueOf(e.getCause())));
        return MimeBundle.text(b.toString());
    }

    /** {@code %stream forget NAME|--all}: drops ended queries from the list. */
    Object forget(String name) {
        var streams = runtime.eddy().streams();
        if (name.equals("--all")) {
            int n = streams.forgetEnded();
            return MimeBundle.text("Forgot " + n + (n == 1 ? " ended query" : " ended queries"));
        }
        try {
            if (!streams.forget(name)) {
                query(name); // the not-found message with a suggestion
            }
        } catch (IllegalStateException active) {
            throw new MagicException(active.getMessage() + ": %stream stop " + name);
        }
        return MimeBundle.text("Forgot " + name + " (%stream restart " + name + " still works)");
    }

    /** Rates and durations in one chart per unit (each its own y axis), over batch ids (ordinal). */
    static final ChartSpec PROGRESS_CHART = new ChartSpec(ChartSpec.Kind.LINE, "batch", "value", "series", "unit");

    /** Input vs processing rate and batch duration over the recent batches, as a table for the chart. */
    static Optional<Table> progressTable(StreamingQuery q) {
        List<QueryProgress> recent = q.recentProgress();
        if (recent.isEmpty()) {
            return Optional.empty();
        }
        LongColumn batch = LongColumn.create("batch");
        StringColumn series = StringColumn.create("series");
        DoubleColumn value = DoubleColumn.create("value");
        StringColumn unit = StringColumn.create("unit");
        for (QueryProgress p : recent) {
            add(batch, series, value, unit, p.batchId(), "input", p.inputRowsPerSecond(), "rows/s");
            add(batch, series, value, unit, p.batchId(), "processed", p.processedRowsPerSecond(), "rows/s");
            Long ms = p.durationMs().get("triggerExecution");
            add(batch, series, value, unit, p.batchId(), "batch duration", ms == null ? 0 : ms, "ms");
        }
        return Optional.of(Table.create("progress", batch, series, value, unit));
    }

    private static void add(
            LongColumn b,
            StringColumn s,
            DoubleColumn v,
            StringColumn u,
            long batch,
            String series,
            double value,
            String unit) {
        b.append(batch);
        s.append(series);
        v.append(value);
        u.append(unit);
    }

    Object late(StreamingQuery q) {
        LateRowsReport r = q.lateRows();
        LongColumn batch = LongColumn.create("batch");
        StringColumn row = StringColumn.create("row");
        // lateTime is the end of the window the row fell into (or its event time without a window): late
        // because it is <= the watermark.
        StringColumn late = StringColumn.create("window_end");
        StringColumn wm = StringColumn.create("watermark");
        for (LateRowsReport.DroppedRow d : r.sample()) {
            batch.append(d.batchId());
            row.append(readable(d.row()));
            late.append(String.valueOf(d.lateTime()));
            wm.append(String.valueOf(d.watermark()));
        }
        return Table.create(q.name() + ": " + r.total() + " rows dropped as late (sample)", batch, row, late, wm);
    }

    /** A dropped row as {@code name=value, ...} with timestamps as instants, not epoch microseconds. */
    static String readable(Row row) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            Field f = row.schema().field(i);
            Object v = row.get(i);
            if (f.type() == DataType.TIMESTAMP && v instanceof Long micros) {
                v = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            }
            b.append(i == 0 ? "" : ", ").append(f.name()).append('=').append(v);
        }
        return b.toString();
    }

    Object state(StreamingQuery q, int operator) throws InterruptedException {
        try {
            return q.stateTable(operator);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new MagicException(
                    "Query '" + q.name() + "' has no stateful operator " + operator + ": " + e.getMessage());
        }
    }

    /**
     * What the named query's checkpoint holds: query id, the logged batches with their source offsets, watermark and
     * whether they were committed, and the size of each operator's state. Works for stopped queries too, and for
     * queries started from Java (the engine keeps where each named query checkpoints).
     */
    Object checkpoint(String name) {
        String dir = runtime.eddy().streams().checkpointLocation(name).orElse(null);
        if (dir == null) {
            requireStarted(name);
            return MimeBundle.text(name + " has no checkpoint directory (start it with %%sql --checkpoint DIR, or"
                    + " .checkpointLocation(DIR) from Java).");
        }
        CheckpointInfo ck;
        List<Long> batches;
        try {
            ck = CheckpointInfo.open(Path.of(dir));
            batches = ck.batches();
        } catch (RuntimeException e) {
            return MimeBundle.text("checkpoint " + dir + ": nothing readable yet (" + e.getMessage() + ")");
        }
        StringBuilder out = new StringBuilder("checkpoint " + dir + "\nquery id " + ck.queryId() + "\n");
        List<Long> committed = ck.committedBatches();
        for (long b : batches) {
            out.append("batch ")
                    .append(b)
                    .append(committed.contains(b) ? " committed" : " logged, not committed")
                    .append(": offsets ")
                    .append(ck.sourceOffsets(b));
            ck.watermark(b).ifPresent(w -> out.append(", watermark ").append(w));
            out.append('\n');
        }
        if (batches.isEmpty()) {
            out.append("no batches yet\n");
        }
        ck.stateSizes()
                .forEach((op, bytes) -> out.append("state ")
                        .append(op)
                        .append(": ")
                        .append(bytes)
                        .append(" bytes\n"));
        return MimeBundle.text(out.toString().strip());
    }
}
