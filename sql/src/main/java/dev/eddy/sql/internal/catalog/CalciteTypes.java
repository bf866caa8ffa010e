package dev.eddy.sql.internal.catalog;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntervalFields;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Engine types to Calcite types and back. TIMESTAMP has millisecond precision on the SQL side; DATE is days since the
 * epoch on both sides; a day-time INTERVAL is microseconds on both sides (INTERVAL DAY, or INTERVAL DAY TO SECOND in
 * the engine for the other day-time forms), a year-month one months (INTERVAL YEAR TO MONTH in the engine).
 */
public final class CalciteTypes {
    private CalciteTypes() {}

    public static RelDataType rowType(Schema schema, RelDataTypeFactory factory) {
        RelDataTypeFactory.Builder b = factory.builder();
        for (Field f : schema.fields()) {
            b.add(f.name(), factory.createTypeWithNullability(sqlType(f.type(), factory), f.nullable()));
        }
        return b.build();
    }

    static RelDataType sqlType(DataType type, RelDataTypeFactory factory) {
        switch (type) {
            case BOOLEAN:
                return factory.createSqlType(SqlTypeName.BOOLEAN);
            case INT:
                return factory.createSqlType(SqlTypeName.INTEGER);
            case LONG:
                return factory.createSqlType(SqlTypeName.BIGINT);
            case DOUBLE:
                return factory.createSqlType(SqlTypeName.DOUBLE);
            case TIMESTAMP:
                return factory.createSqlType(SqlTypeName.TIMESTAMP, 6);
            case STRING:
                return factory.createSqlType(SqlTypeName.VARCHAR);
            case DATE:
                return factory.createSqlType(SqlTypeName.DATE);
            case INTERVAL_DAY:
                return factory.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.DAY, null, SqlParserPos.ZERO));
            case INTERVAL_DAY_TO_SECOND:
                return factory.createSqlIntervalType(
                        new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
            case INTERVAL_YEAR_TO_MONTH:
                return factory.createSqlIntervalType(
                        new SqlIntervalQualifier(TimeUnit.YEAR, TimeUnit.MONTH, SqlParserPos.ZERO));
            default:
                throw new IllegalArgumentException("type " + type + " has no SQL form yet");
        }
    }

    /** The engine type of a SQL type name as written in DDL (Flink's and Spark's names included). */
    public static Optional<DataType> fromDdlName(String name) {
        switch (name.toUpperCase(Locale.ROOT)) {
            case "BOOLEAN":
            case "BOOL":
                return Optional.of(DataType.BOOLEAN);
            case "INT":
            case "INTEGER":
            case "SMALLINT":
            case "TINYINT":
                return Optional.of(DataType.INT);
            case "BIGINT":
            case "LONG":
                return Optional.of(DataType.LONG);
            case "DOUBLE":
            case "FLOAT":
            case "REAL":
            case "DECIMAL":
                return Optional.of(DataType.DOUBLE);
            case "VARCHAR":
            case "CHAR":
            case "STRING":
                return Optional.of(DataType.STRING);
            case "TIMESTAMP":
            case "TIMESTAMP_LTZ":
                return Optional.of(DataType.TIMESTAMP);
            case "DATE":
                return Optional.of(DataType.DATE);
            default:
                return Optional.empty();
        }
    }

    /**
     * The engine schema of a query result; an interval column keeps its SQL type's fields ({@code INTERVAL HOUR} is
     * an INTERVAL_DAY_TO_SECOND whose field says HOUR), as Spark types and shows it.
     */
    public static Schema schemaOf(RelDataType rowType) {
        List<Field> fields = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            DataType type = engineType(f.getType());
            IntervalFields interval = type.isInterval() ? intervalFields(f.getType()) : null;
            fields.add(new Field(
                    f.getName(),
                    type,
                    f.getType().isNullable(),
                    List.of(),
                    interval != null && DataType.ofInterval(interval) == type ? interval : null));
        }
        return Schema.of(fields);
    }

    /**
     * The result schema a streaming plan shows: {@code plan}'s own, with the interval fields of the SQL result's
     * {@code rowType} on the interval columns the engine holds in the same type. The engine types stay as they are
     * (checkpoints keep them); only how the columns are typed and shown changes.
     */
    public static Schema refine(Schema plan, RelDataType rowType) {
        Schema sql = schemaOf(rowType);
        if (sql.size() != plan.size()) {
            return plan;
        }
        List<Field> out = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            Field f = plan.field(i);
            Field s = sql.field(i);
            out.add(f.type().isInterval() && s.type() == f.type() ? f.withIntervalFields(s.intervalFields()) : f);
        }
        return Schema.of(out);
    }

    /** The fields of a Calcite interval type ({@code INTERVAL DAY TO HOUR}), or null where Spark has none. */
    static IntervalFields intervalFields(RelDataType type) {
        SqlIntervalQualifier q = type.getIntervalQualifier();
        if (q == null) {
            return null;
        }
        TimeUnit end = q.getEndUnit() == null ? q.getStartUnit() : q.getEndUnit(); // null for one field
        try {
            return IntervalFields.of(
                    IntervalFields.Unit.valueOf(q.getStartUnit().name()), IntervalFields.Unit.valueOf(end.name()));
        } catch (IllegalArgumentException e) {
            return null; // a unit Spark's types do not have (QUARTER, WEEK): the engine type's own fields
        }
    }

    static DataType engineType(RelDataType type) {
        switch (type.getSqlTypeName()) {
            case BOOLEAN:
                return DataType.BOOLEAN;
            case INTEGER:
            case SMALLINT:
            case TINYINT:
                return DataType.INT;
            case BIGINT:
                return DataType.LONG;
            case DOUBLE:
            case FLOAT:
            case REAL:
            case DECIMAL:
                return DataType.DOUBLE;
            case TIMESTAMP:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return DataType.TIMESTAMP;
            case DATE:
                return DataType.DATE;
            case INTERVAL_DAY:
                return DataType.INTERVAL_DAY;
            default:
                if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(type.getSqlTypeName())) {
                    return DataType.INTERVAL_YEAR_TO_MONTH; // months
                }
                // microseconds (Calcite's day-time intervals as Eddy holds them, see SparkIntervals)
                return SqlTypeName.DAY_INTERVAL_TYPES.contains(type.getSqlTypeName())
                        ? DataType.INTERVAL_DAY_TO_SECOND
                        : DataType.STRING;
        }
    }
}
