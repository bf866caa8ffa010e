package dev.eddy.sql.internal.catalog;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as SQL rows: the schema of a table and its values in Calcite's internal form. */
public final class TablesawSchemas {
    private TablesawSchemas() {}

    public static Schema schemaOf(Table table) {
        List<Field> fields = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            fields.add(Field.of(column.name(), typeOf(column.type())));
        }
        return Schema.of(fields);
    }

    static DataType typeOf(ColumnType type) {
        String name = type.name();
        switch (name) {
            case "INTEGER":
            case "SHORT":
                return DataType.INT;
            case "LONG":
                return DataType.LONG;
            case "DOUBLE":
            case "FLOAT":
                return DataType.DOUBLE;
            case "BOOLEAN":
                return DataType.BOOLEAN;
            case "LOCAL_DATE_TIME":
            case "INSTANT":
                return DataType.TIMESTAMP;
            case "LOCAL_DATE":
                return DataType.DATE;
            default:
                return DataType.STRING;
        }
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    /** Row-major values as Eddy's batch SQL runs them (TIMESTAMP = epoch microseconds, UTC; DATE = days). */
    public static Object[][] rowsOf(Table table, Schema schema) {
        int n = table.rowCount();
        Object[][] rows = new Object[n][schema.size()];
        for (int c = 0; c < schema.size(); c++) {
            Column<?> column = table.column(schema.field(c).name());
            DataType type = schema.field(c).type();
            for (int r = 0; r < n; r++) {
                rows[r][c] = column.isMissing(r) ? null : internal(column.get(r), type);
            }
        }
        return rows;
    }

    private static Object internal(Object value, DataType type) {
        switch (type) {
            case TIMESTAMP: // microseconds, as the engine's and Spark's (see SparkMicros)
                if (value instanceof LocalDateTime t) {
                    return micros(t.toInstant(ZoneOffset.UTC));
                }
                if (value instanceof Instant i) {
                    return micros(i);
                }
                if (value instanceof LocalDate d) {
                    return micros(d.atStartOfDay().toInstant(ZoneOffset.UTC));
                }
                return value;
            case DATE: // Calcite's DATE: days since the epoch
                return value instanceof LocalDate d ? Math.toIntExact(d.toEpochDay()) : ((Number) value).intValue();
            case INT:
                return ((Number) value).intValue();
            case LONG:
                return ((Number) value).longValue();
            case DOUBLE:
                return ((Number) value).doubleValue();
            case STRING:
                return value.toString();
            default:
                return value;
        }
    }
}
