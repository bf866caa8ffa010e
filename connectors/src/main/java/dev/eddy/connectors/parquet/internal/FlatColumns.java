package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StringColumn;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The value-at-a-time path for a schema of top-level primitive columns (no groups, nothing repeated): each column
 * chunk of a row group is decoded by Parquet's column reader, one value per call, into a primitive array and a null
 * bitmap, with no per-row objects (strings aside). {@link PageColumns} (a page at a time) is the default; this one
 * reads the types that one does not take and is its reference in the tests.
 */
final class FlatColumns {
    private FlatColumns() {}

    static boolean applies(MessageType requested) {
        for (Type t : requested.getFields()) {
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                return false;
            }
        }
        return true;
    }

    /** One row group as a Batch of {@code schema} (the Eddy schema of {@code requested}). */
    static Batch read(
            PageReadStore group, MessageType requested, Schema schema, GroupConverter converters, String createdBy) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, converters, requested, createdBy);
        int n = Math.toIntExact(group.getRowCount());
        List<ColumnDescriptor> descriptors = requested.getColumns();
        Column[] cols = new Column[descriptors.size()];
        for (int c = 0; c < cols.length; c++) {
            ColumnDescriptor d = descriptors.get(c);
            cols[c] = column(
                    store.getColumnReader(d), d.getMaxDefinitionLevel(), d.getPrimitiveType(), schema.field(c), n);
        }
        return Batch.of(schema, cols);
    }

    /** One column chunk of a row group, value at a time (what {@link PageColumns} hands a type it does not take). */
    static Column read(
            PageReadStore group,
            MessageType requested,
            ColumnDescriptor d,
            Field f,
            GroupConverter converters,
            String createdBy) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, converters, requested, createdBy);
        int n = Math.toIntExact(group.getRowCount());
        return column(store.getColumnReader(d), d.getMaxDefinitionLevel(), d.getPrimitiveType(), f, n);
    }

    private static Column column(ColumnReader r, int maxDef, PrimitiveType p, Field f, int n) {
        long[] nulls = null;
        PrimitiveTypeName physical = p.getPrimitiveTypeName();
        switch (f.type()) {
            case LONG, TIMESTAMP -> {
                long[] v = new long[n];
                long scale = timeScale(p);
                boolean fromInt = physical == PrimitiveTypeName.INT32; // unsigned INT32 widened
                for (int i = 0; i < n; i++, r.consume()) {
                    if (r.getCurrentDefinitionLevel() < maxDef) {
                        nulls = setNull(nulls, i, n);
                        continue;
                    }
                    long x = fromInt ? Integer.toUnsignedLong(r.getInteger()) : r.getLong();
                    v[i] = scale == 1 ? x : scale > 0 ? Math.multiplyExact(x, scale) : Math.floorDiv(x, -scale);
                }
                return new LongColumn(f.type(), v, n, nulls);
            }
            case INT, DATE -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++, r.consume()) {
                    if (r.getCurrentDefinitionLevel() < maxDef) {
                        nulls = setNull(nulls, i, n);
                    } else {
                        v[i] = r.getInteger();
                    }
                }
                return new IntColumn(f.type(), v, n, nulls);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                boolean isFloat = physical == PrimitiveTypeName.FLOAT;
                for (int i = 0; i < n; i++, r.consume()) {
                    if (r.getCurrentDefinitionLevel() < maxDef) {
                        nulls = setNull(nulls, i, n);
                    } else {
                        v[i] = isFloat ? r.getFloat() : r.getDouble();
                    }
                }
                return new DoubleColumn(v, n, nulls);
            }
            case BOOLEAN -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++, r.consume()) {
                    if (r.getCurrentDefinitionLevel() < maxDef) {
                        nulls = setNull(nulls, i, n);
                    } else {
                        v[i] = r.getBoolean();
                    }
                }
                return new BooleanColumn(v, n, nulls);
            }
            case STRING -> {
                String[] v = new String[n];
                for (int i = 0; i < n; i++, r.consume()) {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        v[i] = r.getBinary().toStringUsingUTF8();
                    }
                }
                return new StringColumn(v, n);
            }
            default -> throw new IllegalStateException("not a flat column: " + f);
        }
    }

    private static long[] setNull(long[] nulls, int i, int n) {
        long[] out = nulls != null ? nulls : new long[(n + 63) >>> 6];
        out[i >>> 6] |= 1L << i;
        return out;
    }

    /** Multiply (&gt;0) or divide (&lt;0) a timestamp by this to get micros; 1 for anything else. */
    static long timeScale(PrimitiveType p) {
        if (p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            return switch (ts.getUnit()) {
                case MILLIS -> 1000;
                case MICROS -> 1;
                case NANOS -> -1000;
            };
        }
        return 1;
    }
}
