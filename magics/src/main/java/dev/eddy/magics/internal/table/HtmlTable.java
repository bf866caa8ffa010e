package dev.eddy.magics.internal.table;

import dev.eddy.magics.internal.render.Html;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A compact, escaped HTML table: numbers right-aligned, at most {@code maxRows} rows with "N more rows", rows
 * whose text is in {@code changed} marked (new or changed since the previous update).
 */
public final class HtmlTable {
    private HtmlTable() {}

    public static String html(Table t, int maxRows, Set<Integer> changed) {
        int shown = Math.min(maxRows, t.rowCount());
        StringBuilder h = new StringBuilder("<table class=\"eddy-table\" style=\"font-size:12px\">\n<thead><tr>");
        for (Column<?> c : t.columns()) {
            h.append("<th style=\"text-align:")
                    .append(align(c))
                    .append("\">")
                    .append(Html.escape(c.name()))
                    .append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown; r++) {
            boolean mark = changed.contains(r);
            h.append(mark ? "<tr class=\"eddy-changed\" style=\"background:#fff3c4\">" : "<tr>");
            for (Column<?> c : t.columns()) {
                h.append("<td style=\"text-align:")
                        .append(align(c))
                        .append("\">")
                        .append(Html.escape(c.isMissing(r) ? "null" : c.getString(r)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (shown < t.rowCount()) {
            h.append("<div class=\"eddy-more\">").append(t.rowCount() - shown).append(" more rows</div>\n");
        }
        return h.toString();
    }

    /** Plain text: the first rows in aligned columns, changed rows marked with '*'. */
    public static String plain(Table t, int maxRows, Set<Integer> changed) {
        int shown = Math.min(maxRows, t.rowCount());
        String[] lines = t.first(shown).printAll().split("\n");
        StringBuilder out = new StringBuilder();
        // Tablesaw prints: title, header, separator, rows
        int firstRow = lines.length - shown;
        for (int i = 0; i < lines.length; i++) {
            int row = i - firstRow;
            out.append(row >= 0 && changed.contains(row) ? "* " : "  ")
                    .append(lines[i])
                    .append('\n');
        }
        if (shown < t.rowCount()) {
            out.append(t.rowCount() - shown).append(" more rows\n");
        }
        return out.toString();
    }

    static boolean numeric(Column<?> c) {
        ColumnType type = c.type();
        return type == ColumnType.INTEGER
                || type == ColumnType.LONG
                || type == ColumnType.DOUBLE
                || type == ColumnType.FLOAT
                || type == ColumnType.SHORT;
    }

    private static String align(Column<?> c) {
        return numeric(c) ? "right" : "left";
    }
}
