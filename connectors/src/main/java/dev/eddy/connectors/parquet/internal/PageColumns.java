package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The page-at-a-time (vectorized) path for a schema of top-level primitive columns: each column chunk of a row group
 * is decoded a page at a time straight into Eddy's column arrays. Definition levels (RLE/bit-packed hybrid) become
 * the null bitmap; PLAIN values are copied in bulk; dictionary pages are decoded once per chunk (each string entry
 * once) and a page's dictionary ids (RLE/bit-packed hybrid) are mapped to the entries in one loop; the values of a
 * page with nulls are decoded densely and spread over the non-null rows. Encodings this class does not decode itself
 * (DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT, RLE booleans, BIT_PACKED levels)
 * go through Parquet's own {@link ValuesReader} for that page, still without a per-row column reader. A column of a
 * type this class does not take is read by {@link FlatColumns}.
 */
final class PageColumns {
    private PageColumns() {}

    /** One row group as a Batch of {@code schema} (the Eddy schema of {@code requested}, all flat primitives). */
    static Batch read(
            PageReadStore group, MessageType requested, Schema schema, GroupConverter converters, String createdBy) {
        int n = Math.toIntExact(group.getRowCount());
        List<ColumnDescriptor> descriptors = requested.getColumns();
        Column[] cols = new Column[descriptors.size()];
        byte[][] pageBuffer = new byte[1][]; // one decompressed page at a time, reused over this row group's chunks
        for (int c = 0; c < cols.length; c++) {
            ColumnDescriptor d = descriptors.get(c);
            Field f = schema.field(c);
            Kind kind = kind(f, d.getPrimitiveType());
            cols[c] = kind == null
                    ? FlatColumns.read(group, requested, d, f, converters, createdBy)
                    : new ChunkDecoder(d, kind, f, group.getPageReader(d), n).decode(pageBuffer);
        }
        return Batch.of(schema, cols);
    }

    /** What a column decodes to: the Eddy array and the Parquet physical type it comes from. */
    enum Kind {
        LONG_FROM_INT64,
        LONG_FROM_UINT32,
        INT_FROM_INT32,
        DOUBLE_FROM_DOUBLE,
        DOUBLE_FROM_FLOAT,
        BOOLEAN,
        STRING
    }

    /** The kind of a column, or null when this class does not take it (FlatColumns reads it). */
    private static Kind kind(Field f, PrimitiveType p) {
        PrimitiveTypeName physical = p.getPrimitiveTypeName();
        return switch (f.type()) {
            case LONG, TIMESTAMP ->
                physical == PrimitiveTypeName.INT64
                        ? Kind.LONG_FROM_INT64
                        : physical == PrimitiveTypeName.INT32 && f.type() == DataType.LONG
                                ? Kind.LONG_FROM_UINT32
                                : null;
            case INT -> physical == PrimitiveTypeName.INT32 ? Kind.INT_FROM_INT32 : null;
            case DOUBLE ->
                physical == PrimitiveTypeName.DOUBLE
                        ? Kind.DOUBLE_FROM_DOUBLE
                        : physical == PrimitiveTypeName.FLOAT ? Kind.DOUBLE_FROM_FLOAT : null;
            case BOOLEAN -> physical == PrimitiveTypeName.BOOLEAN ? Kind.BOOLEAN : null;
            case STRING -> physical == PrimitiveTypeName.BINARY ? Kind.STRING : null;
            default -> null;
        };
    }

    /** The error for a corrupt chunk of column {@code column}: {@code what} is wrong. */
    static ParquetDecodingException corrupt(String column, String what) {
        return new ParquetDecodingException("corrupt column '" + column + "': " + what);
    }

    /** Fails unless {@code s} holds {@code bytes} more bytes of values of column {@code column}. */
    static void need(String column, PageSlice s, long bytes) {
        if (bytes > s.end - s.pos) {
            throw corrupt(column, "a page needs " + bytes + " bytes of values but holds " + (s.end - s.pos));
        }
    }
}
