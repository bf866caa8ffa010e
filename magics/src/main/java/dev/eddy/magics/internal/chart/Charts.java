package dev.eddy.magics.internal.chart;

import dev.eddy.magics.api.render.MimeBundle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A chart bundle: Vega-Lite v5 with inline data (a JSON object) for JupyterLab, a PNG drawn by XChart for
 * classic Notebook and nbconvert, and text. Never text/html: JupyterLab would show it instead of the chart.
 */
public final class Charts {
    public static final String VEGA_LITE = "application/vnd.vegalite.v5+json";
    static final int MAX_POINTS = 5000;

    private Charts() {}

    public static MimeBundle render(ChartSpec spec, Table t, String title) {
        if (t == null || t.rowCount() == 0) {
            return MimeBundle.text("(chart: no rows yet)");
        }
        String x = spec.x() != null ? column(t, spec.x()) : ChartData.defaultX(t);
        String y = spec.y() != null ? column(t, spec.y()) : ChartData.defaultY(t, x);
        if (x == null || y == null) {
            throw new IllegalArgumentException("Cannot chart " + t.columnNames() + ": give --x and --y columns");
        }
        String color = spec.color() == null ? null : column(t, spec.color());
        String facet = spec.facet() == null ? null : column(t, spec.facet());
        ChartSpec resolved = new ChartSpec(spec.kind(), x, y, color, facet);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(VEGA_LITE, VegaLite.spec(resolved, t, title));
        data.put(MimeBundle.IMAGE_PNG, PngChart.base64(resolved, t, title));
        data.put(
                MimeBundle.TEXT_PLAIN,
                "<" + spec.kind().mark() + " chart of " + y + " over " + x + (color == null ? "" : " by " + color)
                        + ", " + t.rowCount() + " rows>");
        return MimeBundle.of(data);
    }

    /** The table's own spelling of a column named case-insensitively; a clear error naming the columns. */
    static String column(Table t, String name) {
        for (String n : t.columnNames()) {
            if (n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("No column '" + name + "' to chart; columns are " + t.columnNames());
    }

    /** Rows sorted by x, at most MAX_POINTS (the last ones: the newest windows matter in a live chart). */
    static List<Integer> rows(Table t, String x) {
        Column<?> xc = t.column(x);
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            rows.add(r);
        }
        if (ChartData.axis(xc) != ChartData.Axis.CATEGORY) {
            rows.sort((a, b) -> Double.compare(val(xc, a), val(xc, b)));
        }
        return rows.size() > MAX_POINTS ? rows.subList(rows.size() - MAX_POINTS, rows.size()) : rows;
    }

    /** The distinct values of a column in first-seen order (series of a colour, charts of a facet). */
    static List<String> distinct(Table t, String column, List<Integer> rows) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (int r : rows) {
            seen.add(t.column(column).getString(r));
        }
        return new ArrayList<>(seen);
    }

    /** The labels for the times of a TIME column over the charted rows. */
    static TimeLabels timeLabels(Column<?> c, List<Integer> rows) {
        List<Long> times = new ArrayList<>();
        for (int r : rows) {
            Double d = ChartData.number(c, r);
            if (d != null) {
                times.add(d.longValue());
            }
        }
        return TimeLabels.of(times);
    }

    private static double val(Column<?> c, int r) {
        Double d = ChartData.number(c, r);
        return d == null ? Double.NEGATIVE_INFINITY : d;
    }
}
