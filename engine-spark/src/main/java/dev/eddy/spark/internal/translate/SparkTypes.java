package dev.eddy.spark.internal.translate;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Eddy's column types as Spark SQL types (timestamps are Spark's TIMESTAMP, microseconds, UTC). */
public final class SparkTypes {
    private SparkTypes() {}

    public static org.apache.spark.sql.types.DataType of(Field f) {
        if (f.type() == DataType.STRUCT) {
            return struct(f.children());
        }
        return of(f.type());
    }

    public static org.apache.spark.sql.types.DataType of(DataType t) {
        return switch (t) {
            case BOOLEAN -> DataTypes.BooleanType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case STRING -> DataTypes.StringType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case DATE -> DataTypes.DateType;
            case INTERVAL_DAY -> DataTypes.createDayTimeIntervalType((byte) 0, (byte) 0); // DAY
            case INTERVAL_DAY_TO_SECOND -> DataTypes.createDayTimeIntervalType(); // DAY TO SECOND
            case INTERVAL_YEAR_TO_MONTH -> DataTypes.createYearMonthIntervalType(); // YEAR TO MONTH
            case STRUCT -> throw new IllegalArgumentException("a struct type needs its fields");
        };
    }

    public static StructType struct(Schema schema) {
        return struct(schema.fields());
    }

    static StructType struct(List<Field> fields) {
        StructField[] out = new StructField[fields.size()];
        for (int i = 0; i < out.length; i++) {
            Field f = fields.get(i);
            out[i] = DataTypes.createStructField(f.name(), of(f), true);
        }
        return DataTypes.createStructType(out);
    }
}
