package dev.eddy.magics.api;

import dev.eddy.magics.internal.engine.RemoteEngines;
import dev.eddy.magics.internal.live.DisplaySink;
import dev.eddy.magics.internal.live.LiveViews;
import dev.eddy.magics.internal.live.Views;
import dev.eddy.magics.internal.sql.QueryLauncher;
import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.topic.Topics;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one engine session and SQL front end a kernel shares between Java cells and magics (like {@code spark} in
 * PySpark): {@code %%sql} cells and Java cells see the same streams, topics, queries and memory tables.
 *
 * <pre>{@code
 * Eddy eddy = EddyRuntime.shared().eddy();
 * Sql sql = EddyRuntime.shared().sql();
 * }</pre>
 *
 * <p>It owns everything a kernel session keeps: the engine session, the live views, the launched {@code %%sql}
 * queries' view options and the remote-engine connection. {@link #shutdown()} ends them all, and
 * {@link #shutdownShared()} also forgets the shared runtime and the default topic registry, so nothing a session
 * made outlives it.
 */
public final class EddyRuntime {
    private static volatile EddyRuntime shared;
    private final Eddy eddy;
    private final Sql sql;
    private final LiveViews liveViews;
    private final QueryLauncher launcher;
    private final RemoteEngines remoteEngines = new RemoteEngines();

    EddyRuntime(Eddy eddy, LiveViews.Settings settings) {
        this.eddy = eddy;
        this.sql = new Sql(eddy);
        this.liveViews = new LiveViews(eddy, settings);
        this.launcher = new QueryLauncher(this);
    }

    /** The kernel's runtime, made on first use (again after {@link #shutdownShared()}). */
    public static EddyRuntime shared() {
        EddyRuntime r = shared;
        if (r == null) {
            synchronized (EddyRuntime.class) {
                if (shared == null) {
                    shared = new EddyRuntime(Eddy.create(), LiveViews.Settings.fromSystemProperties());
                }
                r = shared;
            }
        }
        return r;
    }

    /** A runtime over a given session (tests; a manual clock). Not the shared one. */
    public static EddyRuntime of(Eddy eddy, LiveViews.Settings settings) {
        return new EddyRuntime(eddy, settings);
    }

    public Eddy eddy() {
        return eddy;
    }

    public Sql sql() {
        return sql;
    }

    /** The live views of running queries under their cells. */
    public LiveViews liveViews() {
        return liveViews;
    }

    /** The {@code %%sql} queries this session launched, with their view options. */
    public QueryLauncher queryLauncher() {
        return launcher;
    }

    /** The remote engine this session is connected to, if any, and the queries it runs there. */
    public RemoteEngines remoteEngines() {
        return remoteEngines;
    }

    /**
     * Opens a live view of {@code query} (what {@code display(query)} does in a Java cell): {@code display} shows a
     * bundle and returns its display id, {@code update} replaces one (the view paces its updates: at most one per
     * {@code eddy.live.intervalMs} per view). Returns the id of the table display.
     */
    public String openLiveView(
            StreamingQuery query, Function<Object, String> display, BiConsumer<String, Object> update) {
        return openLiveView(query, display, update, id -> {});
    }

    /**
     * Like {@link #openLiveView(StreamingQuery, Function, BiConsumer)}; {@code ended} hears of each display after its
     * final update (the query ended), so whoever routes its updates can forget it.
     */
    public String openLiveView(
            StreamingQuery query,
            Function<Object, String> display,
            BiConsumer<String, Object> update,
            Consumer<String> ended) {
        return liveViews
                .open(query, Views.result(eddy, query), null, 20, display::apply, DisplaySink.of(update, ended))
                .tableDisplayId();
    }

    /** Plans a throw-away query on a daemon thread, so the first {@code %%sql} cell is not slow (Calcite is cold). */
    public static Thread warmUpInBackground() {
        Thread t = new Thread(Sql::warmUp, "eddy-sql-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Stops every query (each sends its final live-view update) and the live-view thread. */
    public void shutdown() {
        for (StreamingQuery q : eddy.streams().active()) {
            try {
                q.stop();
            } catch (RuntimeException e) {
                // one query failing to stop must not keep the others running
            }
        }
        remoteEngines.disconnect(); // stops its queries on the cluster
        liveViews.close();
        launcher.clear();
        eddy.shutdown(); // forgets the session's queries, restart specs and memory streams
    }

    /**
     * Stops the shared runtime if one was made (kernel shutdown or restart) and forgets it and the default topic
     * registry: a runtime made later starts empty.
     */
    public static void shutdownShared() {
        EddyRuntime r;
        synchronized (EddyRuntime.class) {
            r = shared;
            shared = null;
        }
        if (r != null) {
            r.shutdown();
        }
        Topics.unregister(Topics.DEFAULT_ID);
    }
}
