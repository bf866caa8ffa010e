package dev.eddy.magics.api;

import dev.eddy.magics.api.render.Displayable;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.chart.ChartSpec;
import dev.eddy.magics.internal.chart.Charts;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A chart of a table (a Java table or a query's memory table), for {@code display(...)} in a Java cell: the same
 * bundle as {@code %chart} (Vega-Lite with inline data + PNG + text, never HTML). Immutable: setters return copies.
 *
 * <pre>{@code
 * display(Chart.bar(rides).x("city").y("trips"));
 * display(Chart.line(eddy.table("per_minute")).y("n"));   // a query's memory table as it is now
 * }</pre>
 *
 * Without {@code x}, a windowed table is charted over {@code window_start} (else its first time column); without
 * {@code y}, the first numeric column. For a chart that keeps updating, start the query with {@code %%sql --chart}.
 */
public final class Chart implements Displayable {
    private final ChartSpec spec;
    private final Table table;
    private final String title;

    private Chart(ChartSpec spec, Table table, String title) {
        this.spec = spec;
        this.table = table;
        this.title = title;
    }

    public static Chart line(Table t) {
        return of(ChartSpec.Kind.LINE, t);
    }

    public static Chart bar(Table t) {
        return of(ChartSpec.Kind.BAR, t);
    }

    public static Chart area(Table t) {
        return of(ChartSpec.Kind.AREA, t);
    }

    public static Chart point(Table t) {
        return of(ChartSpec.Kind.POINT, t);
    }

    /** {@code kind} is line, bar, area or point. */
    public static Chart of(String kind, Table t) {
        return of(ChartSpec.Kind.parse(kind), t);
    }

    private static Chart of(ChartSpec.Kind kind, Table t) {
        Objects.requireNonNull(t, "table");
        return new Chart(new ChartSpec(kind, null, null, null), t, t.name());
    }

    public Chart x(String column) {
        return new Chart(new ChartSpec(spec.kind(), column, spec.y(), spec.color()), table, title);
    }

    public Chart y(String column) {
        return new Chart(new ChartSpec(spec.kind(), spec.x(), column, spec.color()), table, title);
    }

    public Chart color(String column) {
        return new Chart(new ChartSpec(spec.kind(), spec.x(), spec.y(), column), table, title);
    }

    public Chart title(String newTitle) {
        return new Chart(spec, table, newTitle);
    }

    /** Renders the table as it is now; a column that does not exist is an IllegalArgumentException naming them. */
    @Override
    public MimeBundle toMimeBundle() {
        return Charts.render(spec, table, title);
    }
}
