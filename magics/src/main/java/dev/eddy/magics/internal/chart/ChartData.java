package dev.eddy.magics.internal.chart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** How a column charts: time (epoch millis), number, or category; and the default x and y columns. */
final class ChartData {
  private ChartData() {}

  enum Axis { TIME, NUMBER, CATEGORY }

  static Axis axis(Column<?> c) {
    ColumnType t = c.type();
    if (t == ColumnType.INSTANT || t == ColumnType.LOCAL_DATE_TIME || t == ColumnType.LOCAL_DATE) {
      return Axis.TIME;
    }
    if (t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.DOUBLE || t == ColumnType.FLOAT
        || t == ColumnType.SHORT) {
      return Axis.NUMBER;
    }
    return Axis.CATEGORY;
  }

  /** The value of a TIME column as epoch millis, of a NUMBER column as a double; null when missing. */
  static Double number(Column<?> c, int row) {
    if (c.isMissing(row)) {
      return null;
    }
    Object v = c.get(row);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Instant i) {
      return (double) i.toEpochMilli();
    }
    if (v instanceof LocalDateTime t) {
      return (double) t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (v instanceof LocalDate d) {
      return (double) d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    return null;
  }

  /** Windowed results chart over window start; else the first time column; else the first column. */
  static String defaultX(Table t) {
    for (String n : t.columnNames()) {
      if (n.equalsIgnoreCase("window_start") || n.equalsIgnoreCase("start")) {
        return n;
      }
    }
    for (Column<?> c : t.columns()) {
      if (axis(c) == Axis.TIME) {
        return c.name();
      }
    }
    return t.columnCount() == 0 ? null : t.column(0).name();
  }

  /** The first numeric column that is not x. */
  static String defaultY(Table t, String x) {
    for (Column<?> c : t.columns()) {
      if (!c.name().equalsIgnoreCase(x) && axis(c) == Axis.NUMBER) {
        return c.name();
      }
    }
    return null;
  }
}
