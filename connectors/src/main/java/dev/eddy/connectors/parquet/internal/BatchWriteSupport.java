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
import dev.eddy.streaming.api.data.StructColumn;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the rows of one columnar {@link Batch} straight from its column arrays. The "record" Parquet hands back
 * is a reused {@link RowCursor} holding only a row index, so writing allocates nothing per row except the
 * {@link Binary} wrapper of each string value.
 */
final class BatchWriteSupport extends WriteSupport<BatchWriteSupport.RowCursor> {

    /** The row of {@link #batch} to write next. */
    static final class RowCursor {
        Batch batch;
        int row;
    }

    private final Schema schema;
    private final MessageType parquetSchema;
    private RecordConsumer out;

    BatchWriteSupport(Schema schema) {
        this.schema = schema;
        this.parquetSchema = ParquetSchemas.toParquet(schema);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(parquetSchema, Map.of("writer.model.name", "eddy"));
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(parquetSchema, Map.of("writer.model.name", "eddy"));
    }

    @Override
    public String getName() {
        return "eddy";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(RowCursor cursor) {
        out.startMessage();
        Batch b = cursor.batch;
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            writeField(fields.get(i), i, b.column(i), cursor.row);
        }
        out.endMessage();
    }

    private void writeField(Field f, int index, Column c, int row) {
        if (c.isNull(row)) {
            if (!f.nullable()) {
                throw new IllegalStateException("column '" + f.name() + "' is NOT NULL but row " + row + " holds null");
            }
            return;
        }
        out.startField(f.name(), index);
        if (c instanceof LongColumn l) {
            out.addLong(l.getLong(row));
        } else if (c instanceof IntColumn ic) {
            out.addInteger(ic.getInt(row));
        } else if (c instanceof DoubleColumn d) {
            out.addDouble(d.getDouble(row));
        } else if (c instanceof BooleanColumn bc) {
            out.addBoolean(bc.getBoolean(row));
        } else if (c instanceof StringColumn s) {
            out.addBinary(Binary.fromString(s.getString(row)));
        } else if (c instanceof StructColumn st) {
            out.startGroup();
            List<Field> kids = st.fields();
            for (int i = 0; i < kids.size(); i++) {
                writeField(kids.get(i), i, st.child(i), row);
            }
            out.endGroup();
        }
        out.endField(f.name(), index);
    }
}
