package dev.eddy.magics.internal.live;

import dev.eddy.magics.api.display.UpdateThrottle;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.chart.ChartSpec;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryListener;
import dev.eddy.streaming.api.progress.QueryProgress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * Drives every live view from ONE thread: engine listener events wake it, a slow tick sends updates that were
 * held back. Per view at most one update per interval, paced by the one display throttle ({@link UpdateThrottle},
 * which the kernel's display path uses too; latest wins: the view renders the query's state when it sends, and a
 * change held back goes out on a later round); across views a shared {@link UpdateBudget} bounds the total rate, oldest-sent first so none starves.
 * A view whose query stopped, finished or failed always gets one final update, then leaves.
 */
public final class LiveViews implements AutoCloseable {
    /** Per-view interval and global budget. */
    public record Settings(long intervalMillis, double maxUpdatesPerSecond, long tickMillis) {
        public static Settings defaults() {
            return new Settings(250, 100, 50);
        }

        /** {@code eddy.live.intervalMs}, {@code eddy.live.maxUpdatesPerSecond} override the defaults. */
        public static Settings fromSystemProperties() {
            Settings d = defaults();
            return new Settings(
                    Long.getLong("eddy.live.intervalMs", d.intervalMillis()),
                    Double.parseDouble(
                            System.getProperty("eddy.live.maxUpdatesPerSecond", "" + d.maxUpdatesPerSecond())),
                    d.tickMillis());
        }
    }

    private final Settings settings;
    private final List<LiveView> views = new CopyOnWriteArrayList<>();
    private final LongSupplier nanoClock;
    private final UpdateBudget budget;
    private final UpdateThrottle throttle;
    private final ScheduledExecutorService thread;
    private final boolean autoTick;

    public LiveViews(Eddy eddy, Settings settings) {
        this(eddy, settings, System::nanoTime, true);
    }

    /** With {@code autoTick} false nothing runs by itself: tests call {@link #tick()} with a manual clock. */
    LiveViews(Eddy eddy, Settings settings, LongSupplier nanoClock, boolean autoTick) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        // only its isDue/markSent gate is used here: a view sends its trailing update itself on a later round
        this.throttle = new UpdateThrottle((task, delay) -> task.run(), settings.intervalMillis(), nanoClock);
        this.budget = new UpdateBudget(
                settings.maxUpdatesPerSecond(), Math.max(2, settings.maxUpdatesPerSecond() / 5), nanoClock);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eddy-live-views");
            t.setDaemon(true);
            return t;
        });
        this.autoTick = autoTick;
        if (autoTick) {
            thread.scheduleWithFixedDelay(
                    this::tickSafely, settings.tickMillis(), settings.tickMillis(), TimeUnit.MILLISECONDS);
            eddy.streams().addListener(new Wakeup());
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Displays the views' throttle still keeps a send time for (shrinks as views end and go quiet). */
    int pacedDisplays() {
        return throttle.tracked();
    }

    /**
     * Opens a live view of {@code query}: shows its first state through {@code display} (which returns the
     * display id) and keeps updating it through {@code sink} until the query ends.
     */
    public LiveView open(
            StreamingQuery query,
            Supplier<Optional<Table>> result,
            ChartSpec chart,
            int maxRows,
            Function<MimeBundle, String> display,
            DisplaySink sink) {
        return open(query, result, chart, maxRows, true, display, sink);
    }

    /** With {@code showTable} false the view is only its chart (e.g. a query's progress). */
    public LiveView open(
            StreamingQuery query,
            Supplier<Optional<Table>> result,
            ChartSpec chart,
            int maxRows,
            boolean showTable,
            Function<MimeBundle, String> display,
            DisplaySink sink) {
        if (!showTable && chart == null) {
            throw new IllegalArgumentException("a view without its table needs a chart");
        }
        QueryProgress before = query.lastProgress();
        LiveView v = new LiveView(query, result, chart, maxRows, sink);
        String tableId = showTable ? display.apply(v.initialTable()) : null;
        String chartId = v.hasChart() ? display.apply(v.initialChart()) : null;
        v.attach(tableId, chartId, nanoClock.getAsLong());
        throttle.markSent(v.pacingKey()); // the first state was just shown
        views.add(v);
        if (query.lastProgress() != before) {
            // a batch ended while the first state was rendered (its table may be older than its status line), and
            // its progress event came before the view was registered: render once more
            v.markDirty();
        }
        if (autoTick && !thread.isShutdown()) {
            thread.execute(this::tickSafely); // it may already have ended: send its final state
        }
        return v;
    }

    /**
     * Marks the views of query {@code queryId} changed and wakes the view thread: for queries whose events do not
     * come from this session's engine (a query on Spark). Only queues work.
     */
    public void changed(String queryId) {
        if (markViewsOf(queryId) && autoTick && !thread.isShutdown()) {
            thread.execute(this::tickSafely);
        }
    }

    /** Marks the views of query {@code queryId} changed; returns whether it has any. */
    private boolean markViewsOf(String queryId) {
        boolean any = false;
        for (LiveView v : views) {
            if (v.query().id().toString().equals(queryId)) {
                v.markDirty();
                any = true;
            }
        }
        return any;
    }

    /** Views still being updated. */
    public int openViews() {
        return views.size();
    }

    /** Runs one round now, on the calling thread (tests with a manual clock). */
    void tick() {
        long now = nanoClock.getAsLong();
        List<LiveView> due = new ArrayList<>();
        for (LiveView v : views) {
            if (v.wantsUpdate(throttle)) {
                due.add(v);
            }
        }
        // final updates first, then the views that waited longest
        due.sort(Comparator.comparing((LiveView v) -> !v.isTerminal()).thenComparingLong(LiveView::lastSentNanos));
        for (LiveView v : due) {
            if (!budget.tryTake(v.displays())) {
                break;
            }
            try {
                v.send(now);
                throttle.markSent(v.pacingKey());
            } catch (RuntimeException | Error e) {
                v.markDirty(); // a failed render or send is retried on the next round, never lost
            }
            if (v.finished()) {
                views.remove(v);
                throttle.forget(v.pacingKey());
            }
        }
    }

    private synchronized void tickSafely() {
        try {
            tick();
        } catch (Throwable e) { // NOPMD: a supervisor loop
            // a view's failure must never end the one thread that drives all views, nor cancel the periodic tick
            // (an exception escaping a scheduleWithFixedDelay task silently stops every later run)
        }
    }

    @Override
    public void close() {
        thread.execute(this::tickSafely); // last chance for final updates of queries stopped just now
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }

    /** Engine events mark a query's views dirty and wake the thread; runs on query threads, so it only queues. */
    private final class Wakeup implements StreamingQueryListener {
        @Override
        public void onQueryProgress(QueryProgress progress) {
            mark(progress.id());
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
            mark(event.id().toString());
        }

        private void mark(String id) {
            if (markViewsOf(id) && !thread.isShutdown()) {
                thread.execute(LiveViews.this::tickSafely);
            }
        }
    }
}
