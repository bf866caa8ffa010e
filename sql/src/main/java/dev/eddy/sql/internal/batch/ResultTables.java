package dev.eddy.sql.internal.batch;

import dev.eddy.streaming.api.data.ExactDateColumn;
import dev.eddy.streaming.api.data.ExactDoubleColumn;
import dev.eddy.streaming.api.data.ExactInstantColumn;
import dev.eddy.streaming.api.data.ExactStringColumn;
import dev.eddy.streaming.api.data.IntervalFields;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A JDBC result as a Tablesaw table; timestamps are instants (UTC), duplicate names get a suffix, a text column
 * holding an empty string is an {@link ExactStringColumn} (a StringColumn would turn '' into NULL), a DOUBLE column
 * holding a NaN an {@link ExactDoubleColumn} (a DoubleColumn would turn NaN into NULL), a DATE column holding a year
 * before 1000 or after 9999 an {@link ExactDateColumn} (a DateColumn would show it otherwise than Spark, or lose it).
 */
final class ResultTables {

    private ResultTables() {}

    static Table toTable(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Column<?>> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean[] intervals = new boolean[n];
        for (int i = 1; i <= n; i++) {
            String name = md.getColumnLabel(i);
            String unique = name;
            for (int k = 2; !names.add(unique.toLowerCase()); k++) {
                unique = name + "_" + k;
            }
            IntervalFields interval = intervalFields(md.getColumnTypeName(i));
            intervals[i - 1] = interval != null;
            columns.add(interval != null ? interval.column(unique) : column(md.getColumnType(i), unique));
        }
        while (rs.next()) {
            for (int i = 1; i <= n; i++) {
                if (intervals[i - 1]) {
                    Object v = rs.getObject(i); // months or microseconds (SparkIntervals)
                    LongColumn c = (LongColumn) columns.get(i - 1);
                    if (v == null) c.appendMissing();
                    else c.append(((Number) v).longValue());
                } else if (columns.get(i - 1) instanceof DateColumn c) {
                    appendDate(c, rs, i, columns);
                } else {
                    append(columns.get(i - 1), rs, i);
                }
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i) instanceof ExactStringColumn c && !c.asSet().contains("")) {
                // no empty string: a StringColumn (its missing value "" then only ever means NULL)
                StringColumn s = StringColumn.create(c.name());
                c.forEach(s::append);
                columns.set(i, s);
            } else if (columns.get(i) instanceof ExactDoubleColumn c && !c.holdsNaN()) {
                columns.set(i, c.plain());
            } else if (columns.get(i) instanceof ExactInstantColumn c && !holdsMicros(c)) {
                // whole milliseconds within Tablesaw's years: an InstantColumn, as the engine's results
                InstantColumn plain = InstantColumn.create(c.name());
                c.forEach(plain::append);
                columns.set(i, plain);
            }
        }
        return Table.create("result", columns);
    }

    private static boolean holdsMicros(ExactInstantColumn c) {
        for (Instant t : c) {
            if (t != null && ExactInstantColumn.needed(t)) {
                return true;
            }
        }
        return false;
    }

    /** The first and last days a DateColumn holds and shows as Spark does (years 1000 to 9999). */
    private static final long FIRST_PLAIN_DAY = LocalDate.of(1000, 1, 1).toEpochDay();

    private static final long LAST_PLAIN_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    /**
     * A DATE value into the column collecting it: a DateColumn while every day lies in years 1000 to 9999 (as the
     * engine's results, in one pass); at the first day outside them the column becomes an ExactDateColumn of the
     * values so far, once, and keeps collecting there.
     */
    private static void appendDate(DateColumn c, ResultSet rs, int i, List<Column<?>> columns) throws SQLException {
        // the days themselves: getDate's java.sql.Date counts a date before 1582 on the Julian calendar
        int days = rs.getInt(i);
        if (rs.wasNull()) {
            c.appendMissing();
        } else if (days >= FIRST_PLAIN_DAY && days <= LAST_PLAIN_DAY) {
            c.append(LocalDate.ofEpochDay(days));
        } else {
            ExactDateColumn exact = ExactDateColumn.create(c.name());
            for (int r = 0; r < c.size(); r++) {
                exact.append(c.get(r));
            }
            exact.append(LocalDate.ofEpochDay(days));
            columns.set(i - 1, exact);
        }
    }

    /**
     * The fields of an interval column from its type's name ({@code INTERVAL_DAY_SECOND}, {@code INTERVAL DAY TO
     * SECOND}); null for another type.
     */
    static IntervalFields intervalFields(String typeName) {
        if (typeName == null || !typeName.toUpperCase(Locale.ROOT).startsWith("INTERVAL")) {
            return null;
        }
        List<String> units = new ArrayList<>();
        for (String w :
                typeName.toUpperCase(Locale.ROOT).substring("INTERVAL".length()).split("[^A-Z]+")) {
            if (!w.isEmpty() && !w.equals("TO")) {
                units.add(w);
            }
        }
        if (units.isEmpty()) {
            return null;
        }
        return IntervalFields.of(
                IntervalFields.Unit.valueOf(units.get(0)), IntervalFields.Unit.valueOf(units.get(units.size() - 1)));
    }

    private static Column<?> column(int sqlType, String name) {
        switch (sqlType) {
            case Types.INTEGER:
            case Types.SMALLINT:
            case Types.TINYINT:
                return IntColumn.create(name);
            case Types.BIGINT:
                return LongColumn.create(name);
            case Types.DOUBLE:
            case Types.FLOAT:
            case Types.REAL:
            case Types.DECIMAL:
            case Types.NUMERIC:
                return ExactDoubleColumn.create(name); // keeps NaN apart from NULL while the rows are read
            case Types.BOOLEAN:
                return BooleanColumn.create(name);
            case Types.TIMESTAMP: // shown as ISO-8601 UTC with 'Z', as live views show the engine's
                return ExactInstantColumn.create(name); // microseconds while the rows are read
            case Types.DATE:
                // Spark's DATE (last_day, to_date, ...): an ExactDateColumn once a day outside years 1000 to 9999 comes
                return DateColumn.create(name);

            default:
                return ExactStringColumn.create(name); // keeps '' apart from NULL while the rows are read
        }
    }

    private static void append(Column<?> column, ResultSet rs, int i) throws SQLException {
        if (column instanceof IntColumn c) {
            int v = rs.getInt(i);
            if (rs.wasNull()) c.appendMissing();
            else c.append(v);
        } else if (column instanceof LongColumn c) {
            long v = rs.getLong(i);
            if (rs.wasNull()) c.appendMissing();
            else c.append(v);
        } else if (column instanceof DoubleColumn c) {
            double v = rs.getDouble(i);
            if (rs.wasNull()) c.appendMissing();
            else c.append(v);
        } else if (column instanceof BooleanColumn c) {
            boolean v = rs.getBoolean(i);
            if (rs.wasNull()) c.appendMissing();
            else c.append(v);
        } else if (column instanceof ExactInstantColumn c) {
            long micros = rs.getLong(i); // batch SQL's TIMESTAMP is microseconds (SparkMicros)
            if (rs.wasNull()) c.appendMissing();
            else
                c.append(Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L));
        } else if (column instanceof ExactDateColumn c) {
            // the days themselves: getDate's java.sql.Date counts a date before 1582 on the Julian calendar
            int days = rs.getInt(i);
            if (rs.wasNull()) c.appendMissing();
            else c.append(LocalDate.ofEpochDay(days));
        } else {
            Object v = rs.getObject(i);
            ((ExactStringColumn) column).append(v == null ? null : v.toString());
        }
    }
}
