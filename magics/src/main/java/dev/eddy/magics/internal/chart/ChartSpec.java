package dev.eddy.magics.internal.chart;

import java.util.Locale;

/**
 * What to chart: a mark and the x, y and (optional) colour columns. Null {@code x} or {@code y} means "pick":
 * {@code window_start} or the first time column for x, the first numeric column for y. An optional {@code facet}
 * column draws one chart per value, stacked, each with its own y scale (e.g. one per unit of measure).
 */
public record ChartSpec(Kind kind, String x, String y, String color, String facet) {
    public ChartSpec(Kind kind, String x, String y, String color) {
        this(kind, x, y, color, null);
    }

    /** The marks Vega-Lite and XChart both draw. */
    public enum Kind {
        LINE,
        BAR,
        AREA,
        POINT;

        public static Kind parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown chart '" + s + "': use line, bar, area or point");
            }
        }

        public String mark() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChartSpec withColumns(String newX, String newY) {
        return new ChartSpec(kind, newX, newY, color, facet);
    }
}
