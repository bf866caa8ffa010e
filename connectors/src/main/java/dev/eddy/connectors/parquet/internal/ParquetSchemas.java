package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Eddy schema to Parquet schema and back, with Spark's mapping: LONG INT64, INT INT32, DOUBLE DOUBLE, BOOLEAN
 * BOOLEAN, STRING BINARY (STRING), TIMESTAMP INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true), DATE INT32
 * DATE (days), STRUCT a group.
 * Nullable fields are OPTIONAL, the others REQUIRED.
 */
public final class ParquetSchemas {
    /** The message name Spark uses, so tools that print it see a familiar one. */
    static final String MESSAGE_NAME = "spark_schema";

    private ParquetSchemas() {}

    public static MessageType toParquet(Schema schema) {
        List<Type> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(toParquet(f));
        }
        return new MessageType(MESSAGE_NAME, fields);
    }

    private static Type toParquet(Field f) {
        Type.Repetition rep = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        return switch (f.type()) {
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
            case INT -> Types.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
            case STRING ->
                Types.primitive(PrimitiveTypeName.BINARY, rep)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(f.name());
            case TIMESTAMP ->
                Types.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(f.name());
            case DATE ->
                Types.primitive(PrimitiveTypeName.INT32, rep)
                        .as(LogicalTypeAnnotation.dateType())
                        .named(f.name());
            case INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH ->
                throw new IllegalArgumentException("column '" + f.name() + "' is an "
                        + f.type().sqlName() + ", which the Parquet sink does not write: write CAST(" + f.name()
                        + " AS STRING) or a number");
            case STRUCT -> {
                List<Type> kids = new ArrayList<>();
                for (Field c : f.children()) {
                    kids.add(toParquet(c));
                }
                yield new GroupType(rep, f.name(), kids);
            }
        };
    }

    /** The Eddy schema of a Parquet schema; a column Eddy cannot hold fails with its name and type. */
    public static Schema toEddy(GroupType message, String file) {
        List<Field> fields = new ArrayList<>();
        for (Type t : message.getFields()) {
            fields.add(toEddy(t, t.getName(), file));
        }
        return Schema.of(fields);
    }

    private static Field toEddy(Type t, String path, String file) {
        boolean nullable = !t.isRepetition(Type.Repetition.REQUIRED);
        if (t.isRepetition(Type.Repetition.REPEATED)) {
            throw unsupported(path, "a repeated field", file);
        }
        if (!t.isPrimitive()) {
            GroupType g = t.asGroupType();
            if (g.getLogicalTypeAnnotation() != null) {
                throw unsupported(path, g.getLogicalTypeAnnotation().toString(), file);
            }
            List<Field> kids = new ArrayList<>();
            for (Type c : g.getFields()) {
                kids.add(toEddy(c, path + "." + c.getName(), file));
            }
            return new Field(t.getName(), DataType.STRUCT, nullable, kids);
        }
        return new Field(t.getName(), primitiveType(t.asPrimitiveType(), path, file), nullable, List.of());
    }

    /** The Eddy type of a Parquet primitive column (see {@link ParquetSchemas} for the mapping). */
    static DataType primitiveType(PrimitiveType p, String path, String file) {
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        switch (p.getPrimitiveTypeName()) {
            case INT64:
                if (a == null || a instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
                    return DataType.LONG;
                }
                if (a instanceof TimestampLogicalTypeAnnotation) {
                    return DataType.TIMESTAMP;
                }
                break;
            case INT32:
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return DataType.DATE;
                }
                if (a == null || a instanceof IntLogicalTypeAnnotation) {
                    // unsigned 32-bit values do not fit an INT: read them as LONG
                    return a instanceof IntLogicalTypeAnnotation i && !i.isSigned() && i.getBitWidth() == 32
                            ? DataType.LONG
                            : DataType.INT;
                }
                break;
            case DOUBLE:
            case FLOAT:
                if (a == null) {
                    return DataType.DOUBLE;
                }
                break;
            case BOOLEAN:
                return DataType.BOOLEAN;
            case BINARY:
                if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return DataType.STRING;
                }
                break;
            default:
                break;
        }
        throw unsupported(path, p.getPrimitiveTypeName() + (a == null ? "" : " " + a), file);
    }

    private static IllegalArgumentException unsupported(String path, String type, String file) {
        return new IllegalArgumentException("column '" + path + "' in " + file + " has Parquet type " + type
                + ", which Eddy cannot read (supported: INT32, INT64, FLOAT, DOUBLE, BOOLEAN, STRING, TIMESTAMP, DATE, "
                + "structs); leave it out with a column list");
    }
}
