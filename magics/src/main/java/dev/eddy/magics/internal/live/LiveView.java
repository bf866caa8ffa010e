package dev.eddy.magics.internal.live;

import dev.eddy.magics.api.display.UpdateThrottle;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.chart.ChartSpec;
import dev.eddy.magics.internal.chart.Charts;
import dev.eddy.magics.internal.table.LiveTable;
import dev.eddy.streaming.api.StreamingQuery;
import java.util.Optional;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * One query shown under a cell: a table display (result table and a status line) and, with a chart spec, a
 * second display holding only the chart. Two displays, because a chart bundle must not carry text/html (it
 * would hide the chart in JupyterLab) while the table needs HTML. Touched only by the live-view thread, except
 * {@link #markDirty()}.
 */
public final class LiveView {
    private final StreamingQuery query;
    private final Supplier<Optional<Table>> result;
    private final ChartSpec chart;
    private final LiveTable table;
    private final DisplaySink sink;
    private String tableDisplayId;
    private String chartDisplayId;
    private volatile boolean dirty;
    private long lastSentNanos = Long.MIN_VALUE / 2;
    private boolean finalSent;

    LiveView(StreamingQuery query, Supplier<Optional<Table>> result, ChartSpec chart, int maxRows, DisplaySink sink) {
        this.query = query;
        this.result = result;
        this.chart = chart;
        this.table = new LiveTable(maxRows);
        this.sink = sink;
    }

    public StreamingQuery query() {
        return query;
    }

    /** The first bundle of the table display (sent as display_data by whoever opens the view). */
    public MimeBundle initialTable() {
        return table.render(query, result.get());
    }

    /** The first bundle of the chart display, or null without a chart. */
    public MimeBundle initialChart() {
        return chart == null ? null : chartBundle(result.get());
    }

    /** A chart that cannot be drawn (e.g. a wrong --y) says why in its place instead of failing the view. */
    private MimeBundle chartBundle(Optional<Table> t) {
        try {
            return Charts.render(chart, t.orElse(null), query.name());
        } catch (RuntimeException e) {
            return MimeBundle.text("(no chart: " + e.getMessage() + ")");
        }
    }

    public String tableDisplayId() {
        return tableDisplayId;
    }

    public boolean hasChart() {
        return chart != null;
    }

    /** The displays now show the current state: the next update waits for a change and the interval. */
    void attach(String tableId, String chartId, long now) {
        this.tableDisplayId = tableId;
        this.chartDisplayId = chartId;
        this.lastSentNanos = now;
        this.dirty = false;
    }

    void markDirty() {
        dirty = true;
    }

    /** The display id the throttle paces this view by (its table and chart are updated together). */
    String pacingKey() {
        return tableDisplayId != null ? tableDisplayId : chartDisplayId;
    }

    /** A change waits for {@code throttle}'s interval; the final state goes out at once (no update lost at the end). */
    boolean wantsUpdate(UpdateThrottle throttle) {
        boolean terminal = query.state().isTerminal();
        if (terminal && !finalSent) {
            return true; // the final state goes out as soon as the budget allows, whatever the interval
        }
        return dirty && throttle.isDue(pacingKey());
    }

    boolean isTerminal() {
        return query.state().isTerminal();
    }

    boolean finished() {
        return finalSent;
    }

    int displays() {
        return (tableDisplayId == null ? 0 : 1) + (chartDisplayId == null ? 0 : 1);
    }

    /** When this view last sent (orders waiting views, oldest first; the pacing itself is the throttle's). */
    long lastSentNanos() {
        return lastSentNanos;
    }

    /** Renders the current state and sends it; after a terminal state this is the final update. */
    void send(long now) {
        boolean terminal = query.state().isTerminal();
        dirty = false;
        Optional<Table> t = result.get();
        if (tableDisplayId != null) {
            sink.update(tableDisplayId, table.render(query, t));
        }
        if (chartDisplayId != null) {
            sink.update(chartDisplayId, chartBundle(t));
        }
        lastSentNanos = now;
        if (terminal) {
            finalSent = true;
            if (tableDisplayId != null) {
                sink.ended(tableDisplayId);
            }
            if (chartDisplayId != null) {
                sink.ended(chartDisplayId);
            }
        }
    }
}
