package dev.eddy.magics.internal.table;

import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.render.Html;
import dev.eddy.streaming.api.StreamingQuery;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The table display of a live view: the query's current result and its status line. Remembers the rows it
 * showed last so new or changed rows can be marked. Used by one thread at a time.
 */
public final class LiveTable {
    private final int maxRows;
    private Set<String> previousRows = Set.of();
    private boolean first = true;

    public LiveTable(int maxRows) {
        this.maxRows = maxRows;
    }

    public MimeBundle render(StreamingQuery q, Optional<Table> result) {
        String status = StatusLine.of(q);
        String error = q.exception().map(e -> String.valueOf(e.getMessage())).orElse(null);
        StringBuilder html = new StringBuilder("<div class=\"eddy-live\" data-query=\"")
                .append(Html.escape(String.valueOf(q.name())))
                .append("\">\n");
        StringBuilder plain = new StringBuilder();
        if (error != null) {
            html.append("<pre class=\"eddy-error\" style=\"color:#b00020\">")
                    .append(Html.escape(error))
                    .append("</pre>\n");
            plain.append("ERROR: ").append(error).append('\n');
        }
        if (result.isPresent()) {
            Table t = result.get();
            Set<Integer> changed = changedRows(t);
            html.append(HtmlTable.html(t, maxRows, changed));
            plain.append(HtmlTable.plain(t, maxRows, changed));
        }
        html.append("<div class=\"eddy-status\" style=\"font-family:monospace;font-size:11px;color:#555\">")
                .append(Html.escape(status))
                .append("</div>\n</div>");
        plain.append(status);
        return MimeBundle.html(html.toString(), plain.toString());
    }

    private Set<Integer> changedRows(Table t) {
        Set<String> now = new HashSet<>();
        Set<Integer> changed = new HashSet<>();
        int shown = Math.min(maxRows, t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            String key = rowKey(t, r);
            now.add(key);
            if (!first && r < shown && !previousRows.contains(key)) {
                changed.add(r);
            }
        }
        previousRows = now;
        first = false;
        return changed;
    }

    private static String rowKey(Table t, int r) {
        StringBuilder b = new StringBuilder();
        for (Column<?> c : t.columns()) {
            b.append(c.getString(r)).append('\u0001');
        }
        return b.toString();
    }
}
