package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.DataType;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Materializes the requested columns of a file as rows of boxed values in the shapes
 * {@link dev.eddy.streaming.api.data.BatchBuilder#setValue} takes (Long, Integer, Double, Boolean, String, Long
 * epoch micros for timestamps, Object[] for structs; null for a missing value).
 */
final class RowMaterializer {
    private RowMaterializer() {}

    static RecordMaterializer<Object[]> create(MessageType requested, String file) {
        RowConverter root = new RowConverter(requested, "", file, null, -1);
        return new RecordMaterializer<>() {
            @Override
            public Object[] getCurrentRecord() {
                return root.current;
            }

            @Override
            public GroupConverter getRootConverter() {
                return root;
            }
        };
    }

    /** Builds an Object[] per group; a nested group stores its array into its parent's slot when it ends. */
    private static final class RowConverter extends GroupConverter {
        private final Converter[] converters;
        private final RowConverter parent;
        private final int slot;
        Object[] current;

        RowConverter(GroupType type, String path, String file, RowConverter parent, int slot) {
            this.parent = parent;
            this.slot = slot;
            converters = new Converter[type.getFieldCount()];
            for (int i = 0; i < converters.length; i++) {
                Type t = type.getType(i);
                String p = path.isEmpty() ? t.getName() : path + "." + t.getName();
                converters[i] = t.isPrimitive()
                        ? primitive(t.asPrimitiveType(), p, file, i)
                        : new RowConverter(t.asGroupType(), p, file, this, i);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            current = new Object[converters.length];
        }

        @Override
        public void end() {
            if (parent != null) {
                parent.current[slot] = current;
            }
        }

        private PrimitiveConverter primitive(PrimitiveType p, String path, String file, int i) {
            DataType t = ParquetSchemas.primitiveType(p, path, file);
            long timeScale = 1; // multiply (>0) or divide (<0) to get micros
            if (t == DataType.TIMESTAMP) {
                var unit =
                        ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) p.getLogicalTypeAnnotation()).getUnit();
                timeScale = switch (unit) {
                    case MILLIS -> 1000;
                    case MICROS -> 1;
                    case NANOS -> -1000;
                };
            }
            final long scale = timeScale;
            final boolean widenInt = t == DataType.LONG; // unsigned INT32 read as LONG
            return new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    current[i] = scale == 1
                            ? value
                            : scale > 0 ? Math.multiplyExact(value, scale) : Math.floorDiv(value, -scale);
                }

                @Override
                public void addInt(int value) {
                    current[i] = widenInt ? (Object) Integer.toUnsignedLong(value) : (Object) value;
                }

                @Override
                public void addDouble(double value) {
                    current[i] = value;
                }

                @Override
                public void addFloat(float value) {
                    current[i] = (double) value;
                }

                @Override
                public void addBoolean(boolean value) {
                    current[i] = value;
                }

                @Override
                public void addBinary(Binary value) {
                    current[i] = value.toStringUsingUTF8();
                }
            };
        }
    }
}
