package dev.eddy.magics.internal.render;

import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.api.render.Renderer;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as an HTML table with a row cap (big tables would freeze the browser) plus text. */
public final class TableRenderer implements Renderer<Table> {
    public static final int DEFAULT_ROW_CAP = 50;
    private final int rowCap;

    public TableRenderer(int rowCap) {
        this.rowCap = rowCap;
    }

    @Override
    public MimeBundle render(Table t) {
        int shown = Math.min(rowCap, t.rowCount());
        StringBuilder h = new StringBuilder("<table class=\"eddy-table\">\n<thead><tr>");
        for (String name : t.columnNames()) {
            h.append("<th>").append(Html.escape(name)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown; r++) {
            h.append("<tr>");
            for (Column<?> c : t.columns()) {
                h.append("<td>")
                        .append(Html.escape(c.isMissing(r) ? "null" : c.getString(r)))
                        .append("</td>"); // as live views
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        String caption = caption(t, shown);
        h.append("<p>").append(Html.escape(caption)).append("</p>");
        String plain = (shown < t.rowCount() ? t.first(shown).print() : t.print()) + "\n" + caption;
        return MimeBundle.html(h.toString(), plain);
    }

    private static String caption(Table t, int shown) {
        String name = t.name() == null || t.name().isEmpty() ? "" : t.name() + ": ";
        String rows = shown < t.rowCount() ? shown + " of " + t.rowCount() + " rows" : t.rowCount() + " rows";
        return name + rows + " x " + t.columnCount() + " columns";
    }
}
