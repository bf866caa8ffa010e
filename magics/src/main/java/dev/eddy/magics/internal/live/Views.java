package dev.eddy.magics.internal.live;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.internal.chart.ChartSpec;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import java.util.Optional;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/** Opens live views from magics and from {@code display(query)}. */
public final class Views {
    private Views() {}

    public static LiveView open(EddyRuntime runtime, StreamingQuery q, ChartSpec chart, int maxRows, MagicContext ctx) {
        return runtime.liveViews().open(q, result(runtime.eddy(), q), chart, maxRows, ctx::display, sink(ctx));
    }

    /** A magic's displays as a live view's sink: updates go out unthrottled (the view paces them), ends are told. */
    public static DisplaySink sink(MagicContext ctx) {
        return DisplaySink.of(ctx::updateDisplayNow, ctx::endDisplay);
    }

    /** The query's memory table (a memory-sink query's table has the query's name), if it has one. */
    public static Supplier<Optional<Table>> result(Eddy eddy, StreamingQuery q) {
        String name = q.name();
        return () -> name != null && eddy.memoryTableNames().contains(name)
                ? Optional.of(eddy.table(name))
                : Optional.empty();
    }
}
