package dev.eddy.magics.internal.chart;

import java.util.Locale;

/**
 * What to chart: a mark and the x, y and (optional) colour columns. Null {@code x} or {@code y} means "pick":
 * {@code window_start} or the first time column for x, the first numeric column for y.
 */
public record ChartSpec(Kind kind, String x, String y, String color) {
  /** The marks Vega-Lite and XChart both draw. */
  public enum Kind {
    LINE, BAR, AREA, POINT;

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
    return new ChartSpec(kind, newX, newY, color);
  }
}
