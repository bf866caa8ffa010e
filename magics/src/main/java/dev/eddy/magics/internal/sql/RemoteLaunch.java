package dev.eddy.magics.internal.sql;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.internal.chart.ChartSpec;
import dev.eddy.magics.internal.engine.RemoteEngines;
import dev.eddy.magics.internal.live.Views;
import dev.eddy.sql.api.engine.RemoteEngine;
import dev.eddy.sql.api.engine.RemoteRun;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.OutputMode;
import java.util.Locale;
import java.util.Optional;

/**
 * A streaming {@code %%sql} SELECT started on the connected remote engine (Spark) instead of the embedded one: the
 * same writer settings (memory table named after the query, mode, trigger, checkpoint) and the same live view,
 * fed by the remote memory sink after each progress event.
 */
final class RemoteLaunch {
    private RemoteLaunch() {}

    /** Whether this cell runs remotely: {@code --engine} if given, else the session's {@code %engine}. */
    static boolean wanted(EddyRuntime runtime, String engineOption) {
        RemoteEngines engines = RemoteEngines.of(runtime);
        if (engineOption == null) {
            return engines.remoteByDefault();
        }
        String e = engineOption.strip().toLowerCase(Locale.ROOT);
        if (e.equals("local")) {
            return false;
        }
        RemoteEngine connected = engines.engine()
                .orElseThrow(() -> new MagicException("--engine " + e
                        + ": no engine connected. Connect first: %engine connect " + e + " sc://host:15002"));
        if (!connected.name().equals(e)) {
            throw new MagicException("--engine " + e + ": the connected engine is " + connected.name()
                    + " (use --engine local or --engine " + connected.name() + ")");
        }
        return true;
    }

    static void start(
            EddyRuntime runtime, Dataset dataset, String name, SqlOptions o, ChartSpec chart, MagicContext ctx) {
        RemoteEngines engines = RemoteEngines.of(runtime);
        RemoteEngine engine = engines.engine().orElseThrow();
        if (engines.run(name).filter(r -> !r.query().state().isTerminal()).isPresent()) {
            throw new MagicException("A query named '" + name + "' is running " + engine.label()
                    + ". Stop it first: %stream stop " + name);
        }
        DataStreamWriter w =
                dataset.writeStream().trigger(QueryLauncher.trigger(o.trigger)).memory(name);
        if (o.checkpoint != null) {
            w.checkpointLocation(o.checkpoint);
        }
        // as on the embedded engine: the whole result table for an aggregation, new rows otherwise
        w.outputMode(
                o.mode != null
                        ? OutputMode.parse(QueryLauncher.mode(o.mode))
                        : OutputMode.forResultTable(dataset.plan()));
        launch(runtime, engines, engine, w, o, chart, ctx);
    }

    /**
     * An {@code INSERT INTO stream SELECT ...} on the remote engine: the writer SQL built (the sink stream's
     * connector, the mode SQL chose), with the cell's trigger, mode and checkpoint options. Its live view shows the
     * status line (a Kafka or file sink has no table to show), as on the embedded engine.
     */
    static void insert(EddyRuntime runtime, DataStreamWriter writer, SqlOptions o, ChartSpec chart, MagicContext ctx) {
        RemoteEngines engines = RemoteEngines.of(runtime);
        RemoteEngine engine = engines.engine().orElseThrow();
        String name = writer.spec().queryName();
        if (name != null
                && engines.run(name)
                        .filter(r -> !r.query().state().isTerminal())
                        .isPresent()) {
            throw new MagicException("A query named '" + name + "' is running " + engine.label()
                    + ". Stop it first: %stream stop " + name);
        }
        if (o.trigger != null) {
            writer.trigger(QueryLauncher.trigger(o.trigger));
        }
        if (o.mode != null) {
            writer.outputMode(QueryLauncher.mode(o.mode));
        }
        if (o.checkpoint != null) {
            writer.checkpointLocation(o.checkpoint);
        }
        launch(runtime, engines, engine, writer, o, chart, ctx);
    }

    private static void launch(
            EddyRuntime runtime,
            RemoteEngines engines,
            RemoteEngine engine,
            DataStreamWriter w,
            SqlOptions o,
            ChartSpec chart,
            MagicContext ctx) {
        RemoteRun run;
        try {
            run = engine.start(w);
        } catch (Exception e) { // refusals, and Spark's analysis errors (checked, undeclared)
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int nl = m.indexOf('\n');
            throw new MagicException(nl < 0 ? m : m.substring(0, nl));
        }
        engines.started(run);
        runtime.liveViews()
                .open(
                        run.query(),
                        () -> Optional.ofNullable(run.result()),
                        chart,
                        o.maxRows(),
                        ctx::display,
                        Views.sink(ctx));
        String id = run.query().id().toString();
        run.onChange(() -> runtime.liveViews().changed(id));
    }
}
