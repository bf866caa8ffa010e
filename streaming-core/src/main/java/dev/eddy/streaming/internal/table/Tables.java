package dev.eddy.streaming.internal.table;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.ExactDateColumn;
import dev.eddy.streaming.api.data.ExactDoubleColumn;
import dev.eddy.streaming.api.data.ExactInstantColumn;
import dev.eddy.streaming.api.data.ExactStringColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StructColumn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Converts between engine batches and Tablesaw tables (the format at the edges). TIMESTAMP becomes an
 * InstantColumn, DATE a DateColumn (LocalDate; an ExactDateColumn for a year before 1000 or after 9999), an INTERVAL a LongColumn that prints Spark's text of it; a STRUCT column {@code window} becomes {@code window_start} and {@code window_end}.
 */
public final class Tables {
    private Tables() {}

    public static Table toTable(String name, Batch b) {
        Table t = Table.create(name);
        for (int c = 0; c < b.numColumns(); c++) {
            addColumn(t, b.schema().field(c), b.column(c), "");
        }
        return t;
    }

    private static void addColumn(Table t, Field f, Column c, String prefix) {
        String name = prefix + f.name();
        int n = c.size();
        switch (f.type()) {
            case STRUCT -> {
                StructColumn s = (StructColumn) c;
                for (int i = 0; i < f.children().size(); i++) {
                    addColumn(t, f.children().get(i), s.child(i), name + "_");
                }
            }
            case TIMESTAMP -> {
                // an InstantColumn holds milliseconds: microseconds need the exact column
                tech.tablesaw.columns.Column<Instant> col =
                        needsExact(c) ? ExactInstantColumn.create(name) : InstantColumn.create(name);
                for (int r = 0; r < n; r++) {
                    if (c.isNull(r)) {
                        col.appendMissing();
                    } else {
                        col.append(toInstant((Long) c.get(r)));
                    }
                }
                t.addColumns(col);
            }
            default -> {
                tech.tablesaw.columns.Column<?> col = switch (f.type()) {
                    case LONG -> LongColumn.create(name);
                    // months or microseconds, shown as Spark shows the interval
                    case INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH ->
                        f.intervalFields().column(name);
                    case INT -> IntColumn.create(name);
                    // a DateColumn packs the year in a short and shows it unpadded: far years need the exact column
                    case DATE -> holdsFarDates(c) ? ExactDateColumn.create(name) : DateColumn.create(name);
                    // a plain DoubleColumn reads a NaN as missing (NULL): Spark's sqrt(-1), MAX over a NaN
                    case DOUBLE -> holdsNaN(c) ? ExactDoubleColumn.create(name) : DoubleColumn.create(name);
                    case BOOLEAN -> BooleanColumn.create(name);
                    // a StringColumn reads '' as missing (NULL): Spark's substring past the end, '' in a sink's table
                    case STRING -> holdsEmpty(c) ? ExactStringColumn.create(name) : StringColumn.create(name);
                    default -> StringColumn.create(name);
                };
                for (int r = 0; r < n; r++) {
                    if (c.isNull(r)) {
                        col.appendMissing();
                    } else {
                        col.appendObj(c.get(r));
                    }
                }
                t.addColumns(col);
            }
        }
    }

    /** Whether an InstantColumn would show a value of {@code c} as another instant (ExactInstantColumn.needed). */
    private static boolean needsExact(Column c) {
        for (int r = 0; r < c.size(); r++) {
            if (!c.isNull(r) && ExactInstantColumn.needed(toInstant((Long) c.get(r)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsFarDates(Column c) {
        for (int r = 0; r < c.size(); r++) {
            if (!c.isNull(r) && c.get(r) instanceof LocalDate d && ExactDateColumn.needed(d)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsEmpty(Column c) {
        for (int r = 0; r < c.size(); r++) {
            if (!c.isNull(r) && c.get(r) instanceof String v && v.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsNaN(Column c) {
        for (int r = 0; r < c.size(); r++) {
            if (!c.isNull(r) && c.get(r) instanceof Double d && d.isNaN()) {
                return true;
            }
        }
        return false;
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** The engine schema of a Tablesaw table (unsupported column types are read as strings). */
    public static Schema schemaOf(Table t) {
        List<Field> fields = new ArrayList<>();
        for (tech.tablesaw.columns.Column<?> c : t.columns()) {
            fields.add(Field.of(c.name(), typeOf(c.type())));
        }
        return Schema.of(fields);
    }

    private static DataType typeOf(ColumnType t) {
        if (t == ColumnType.LONG) {
            return DataType.LONG;
        }
        if (t == ColumnType.INTEGER || t == ColumnType.SHORT) {
            return DataType.INT;
        }
        if (t == ColumnType.DOUBLE || t == ColumnType.FLOAT) {
            return DataType.DOUBLE;
        }
        if (t == ColumnType.BOOLEAN) {
            return DataType.BOOLEAN;
        }
        if (t == ColumnType.INSTANT || t == ColumnType.LOCAL_DATE_TIME) {
            return DataType.TIMESTAMP;
        }
        if (t == ColumnType.LOCAL_DATE) {
            return DataType.DATE;
        }
        return DataType.STRING;
    }

    public static Batch fromTable(Table t) {
        Schema s = schemaOf(t);
        BatchBuilder b = Batch.builder(s, t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < s.size(); c++) {
                tech.tablesaw.columns.Column<?> col = t.column(c);
                if (col.isMissing(r)) {
                    b.setNull(c);
                    continue;
                }
                Object v = col.get(r);
                if (v instanceof LocalDateTime ldt) {
                    v = ldt.toInstant(ZoneOffset.UTC);
                }
                if (v instanceof Short sh) {
                    v = (int) sh;
                }
                b.setValue(c, s.field(c).type() == DataType.STRING ? v.toString() : v);
            }
            b.endRow();
        }
        return b.build();
    }
}
