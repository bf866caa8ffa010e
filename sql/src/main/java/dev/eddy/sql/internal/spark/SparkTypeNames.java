package dev.eddy.sql.internal.spark;

import dev.eddy.streaming.api.data.IntervalFields;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;

/** Spark's names of types, as {@code typeof(x)} gives them: {@code int}, {@code bigint}, {@code decimal(8,6)}, ... */
public final class SparkTypeNames {
    private SparkTypeNames() {}

    public static String of(RelDataType t) {
        switch (t.getSqlTypeName()) {
            case TINYINT:
                return "tinyint";
            case SMALLINT:
                return "smallint";
            case INTEGER:
                return "int";
            case BIGINT:
                return "bigint";
            case FLOAT:
            case REAL:
                return "float";
            case DOUBLE:
                return "double";
            case DECIMAL:
                return "decimal(" + t.getPrecision() + "," + t.getScale() + ")";
            case CHAR:
            case VARCHAR:
                return "string";
            case BOOLEAN:
                return "boolean";
            case DATE:
                return "date";
            case TIMESTAMP:
                return "timestamp";
            case NULL:
                return "void";
            default:
                IntervalFields interval = SparkIntervals.fields(t);
                return interval != null
                        ? interval.sparkName()
                        : t.getSqlTypeName().getName().toLowerCase(Locale.ROOT);
        }
    }
}
