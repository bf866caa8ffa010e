package dev.eddy.magics.internal.chart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How a column charts: time (epoch millis), number (whole or not), batch id, or category; and the default x and y
 * columns. Decided by the column's class: Tablesaw's {@code ColumnType} constants can exist twice (a class
 * initialisation cycle), so comparing types with {@code ==} missed time columns of memory tables.
 */
final class ChartData {
    private ChartData() {}

    enum Axis {
        TIME,
        NUMBER,
        CATEGORY
    }

    private static final Pattern BATCH = Pattern.compile("(?i)batch(_?id)?");

    static Axis axis(Column<?> c) {
        // an ExactInstantColumn (microseconds) has the INSTANT type without being an InstantColumn, an
        // ExactDateColumn (far years) the LOCAL_DATE type without being a DateColumn
        if (c instanceof InstantColumn
                || c.type() == ColumnType.INSTANT
                || c.type() == ColumnType.LOCAL_DATE
                || c instanceof DateTimeColumn
                || c instanceof DateColumn) {
            return Axis.TIME;
        }
        if (c instanceof NumericColumn<?>) {
            return Axis.NUMBER;
        }
        return Axis.CATEGORY;
    }

    /** Whole numbers: they chart as integers (no 0.5 ticks) and go out as JSON integers. */
    static boolean isInteger(Column<?> c) {
        return c instanceof IntColumn || c instanceof LongColumn || c instanceof ShortColumn;
    }

    /** A batch id: an ordinal (batch 3 follows batch 2; there is no batch 2.5). */
    static boolean isBatchId(Column<?> c) {
        return isInteger(c) && BATCH.matcher(c.name()).matches();
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
