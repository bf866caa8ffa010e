package dev.eddy.magics.internal.table;

import dev.eddy.sql.api.engine.RemoteQueryHandle;
import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.StateOperatorProgress;
import java.util.Locale;

/** One line about a query: state, batch id, input and processing rate, watermark, state rows, late rows. */
public final class StatusLine {
    private StatusLine() {}

    public static String of(StreamingQuery q) {
        QueryProgress p = q.lastProgress();
        StringBuilder b = new StringBuilder();
        b.append(q.name() == null ? q.id().toString() : q.name()).append(": ").append(q.state());
        String where = q instanceof RemoteQueryHandle r ? " | " + r.engineLabel() : "";
        var failure = q.exception();
        if (failure.isPresent()) {
            // the batch it failed in, even when that was its first (no progress was ever reported)
            b.append(" in batch ").append(failure.get().batchId());
        }
        String note = q.state() == QueryState.TERMINATED ? endNote(q) : null;
        if (p == null) {
            if (failure.isPresent()) {
                return b.append(" | no batch completed").append(where).toString();
            }
            return b.append(" | no batch yet | ")
                    .append(note != null ? note : q.status().message())
                    .append(where)
                    .toString();
        }
        long stateRows = 0;
        long dropped = 0;
        for (StateOperatorProgress s : p.stateOperators()) {
            stateRows += s.numRowsTotal();
            dropped += s.numRowsDroppedByWatermark();
        }
        b.append(" | batch ")
                .append(p.batchId())
                .append(" | input ")
                .append(rate(p.inputRowsPerSecond()))
                .append(" rows/s")
                .append(" | processed ")
                .append(rate(p.processedRowsPerSecond()))
                .append(" rows/s");
        String wm = p.eventTime().get("watermark");
        if (wm != null) {
            b.append(" | watermark ").append(wm);
        }
        if (!p.stateOperators().isEmpty()) {
            b.append(" | state rows ").append(stateRows);
        }
        long late = Math.max(dropped, q.lateRows().total());
        b.append(" | late rows dropped ").append(late);
        long bad = q.errorRows().total();
        if (bad > 0) {
            b.append(" | malformed rows ").append(bad);
        }
        if (note != null) {
            b.append(" | ").append(note);
        }
        return b.append(where).toString();
    }

    /** Why a terminated query ended, when that is more than "Stopped" (e.g. another run replaced it). */
    private static String endNote(StreamingQuery q) {
        String m = q.status().message();
        return m == null || m.isBlank() || m.equals("Stopped") ? null : m;
    }

    private static String rate(double r) {
        return String.format(Locale.ROOT, "%.1f", r);
    }
}
