package dev.eddy.magics.internal.sql;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicException;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Intervals;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.Trigger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the streaming SELECTs of {@code %%sql} into memory tables named after their queries, and remembers each
 * one's view options (chart, row cap) for {@code %stream show} and {@code restart}; the engine itself keeps what a
 * restart needs to run the query again.
 */
public final class QueryLauncher {
    private final EddyRuntime runtime;
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    /** The name each notebook cell's unnamed streaming query got, by the front end's cell id. */
    private final Map<String, String> byCell = new ConcurrentHashMap<>();

    /** The runtime's launcher is made by the runtime ({@link EddyRuntime#queryLauncher()}). */
    public QueryLauncher(EddyRuntime runtime) {
        this.runtime = runtime;
    }

    public static QueryLauncher of(EddyRuntime runtime) {
        return runtime.queryLauncher();
    }

    public Launch launch(String name) {
        return launches.get(name);
    }

    /** How many queries' view options are kept (those the engine still lists). */
    public int launches() {
        launches.keySet().removeIf(n -> runtime.eddy().streams().find(n).isEmpty());
        return launches.size();
    }

    /** Forgets every launch (the runtime shut down). */
    public void clear() {
        launches.clear();
        byCell.clear();
    }

    /** Keeps {@code launch} and drops the options of queries the engine no longer lists ({@code %stream forget}). */
    private void remember(Launch launch) {
        launches.keySet()
                .removeIf(n -> !n.equals(launch.name())
                        && runtime.eddy().streams().find(n).isEmpty());
        launches.put(launch.name(), launch);
    }

    /**
     * The given name (an active query of that name is replaced when this one starts: a cell can run again), else
     * a name no query has: q1, q2, ...
     */
    public String name(String wanted) {
        return name(wanted, Optional.empty());
    }

    /**
     * As {@link #name(String)}; without a given name, a cell that started an unnamed query before ({@code cellId}:
     * the front end's id of the notebook cell) gets that query's name again, so running the cell again replaces its
     * query instead of starting a second one beside it (as a named cell does).
     */
    public String name(String wanted, Optional<String> cellId) {
        if (wanted != null) {
            return wanted;
        }
        if (cellId.isPresent()) {
            return byCell.compute(cellId.get(), (cell, before) -> before != null ? before : newName());
        }
        return newName();
    }

    private String newName() {
        while (true) {
            String n = "q" + counter.incrementAndGet();
            if (runtime.eddy().streams().get(n).isEmpty()
                    && !runtime.eddy().memoryTableNames().contains(n)) {
                return n;
            }
        }
    }

    /** Starts {@code dataset} into memory table {@code launch.name()}. */
    public StreamingQuery start(Dataset dataset, Launch launch) {
        try {
            return startAs(dataset, launch);
        } catch (UnsupportedOperationException e) {
            throw new MagicException(sqlAdvice(e.getMessage()));
        }
    }

    /**
     * The engine's output-mode advice speaks its Java API ({@code withWatermark(...)}); a {@code %%sql} user declares
     * a watermark in SQL, and picks the mode with {@code --mode}.
     */
    static String sqlAdvice(String message) {
        if (message == null) {
            return "The query cannot run in this output mode";
        }
        int java = message.indexOf("add withWatermark(");
        if (java < 0) {
            return message;
        }
        return message.substring(0, java) + "declare a watermark on the stream's time column in SQL, e.g. CREATE STREAM"
                + " clicks (..., ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH (...), or run with"
                + " --mode update or --mode complete";
    }

    private StreamingQuery startAs(Dataset dataset, Launch launch) {
        Trigger trigger = trigger(launch.trigger());
        StreamingQuery q;
        try {
            // without --mode: the whole result table for an aggregation (what a person wants to watch), else append
            OutputMode mode = launch.mode() != null
                    ? OutputMode.parse(mode(launch.mode()))
                    : OutputMode.forResultTable(dataset.plan());
            q = writer(dataset, launch, trigger).outputMode(mode).start();
        } catch (StreamingQueryException couldNotStart) {
            remember(launch); // it stays addressable (%stream status/restart) as FAILED
            throw couldNotStart;
        }
        remember(launch);
        return q;
    }

    private static DataStreamWriter writer(Dataset d, Launch l, Trigger t) {
        // a named query replaces the active one of its name: re-running the cell restarts it with the new SQL
        DataStreamWriter w = d.writeStream().trigger(t).memory(l.name()).replace();
        if (l.checkpoint() != null) {
            w.checkpointLocation(l.checkpoint());
        }
        return w;
    }

    static String mode(String m) {
        String s = m.toLowerCase(Locale.ROOT);
        if (!s.equals("append") && !s.equals("update") && !s.equals("complete")) {
            throw new MagicException("Unknown --mode '" + m + "': use append, update or complete");
        }
        return s;
    }

    /**
     * An interval ({@code 2s}, {@code 500ms}, {@code '1 minute'}, {@code PT1M}: read by {@link Intervals}),
     * {@code available-now} or {@code once}; null: as fast as possible.
     */
    static Trigger trigger(String t) {
        if (t == null) {
            return Trigger.asFastAsPossible();
        }
        String s = t.strip().toLowerCase(Locale.ROOT);
        if (s.equals("available-now") || s.equals("availablenow")) {
            return Trigger.availableNow();
        }
        if (s.equals("once")) {
            return Trigger.once();
        }
        try {
            return Trigger.processingTime(s);
        } catch (RuntimeException e) {
            throw new MagicException(
                    "Bad --trigger '" + t + "': use an interval like 2s or 500ms, available-now or once");
        }
    }
}
