package dev.eddy.streaming.internal.checkpoint;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StringColumn;
import dev.eddy.streaming.api.data.StructColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Columnar binary form of a batch (the payload of a state file): the schema (names, types, nullability,
 * struct children), the row count, then per column its null bitmap and its values as primitive arrays.
 */
public final class BatchCodec {
    private BatchCodec() {}

    public static byte[] encode(Batch b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + b.numRows() * 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code b} to a stream (several batches may follow each other). */
    public static void write(DataOutputStream out, Batch b) throws IOException {
        writeFields(out, b.schema().fields());
        int n = b.numRows();
        out.writeInt(n);
        for (int i = 0; i < b.numColumns(); i++) {
            writeColumn(out, b.column(i), n);
        }
    }

    public static Batch decode(byte[] payload) throws IOException {
        return read(new DataInputStream(new ByteArrayInputStream(payload)));
    }

    /** Reads one batch {@link #write} wrote. */
    public static Batch read(DataInputStream in) throws IOException {
        Schema schema = Schema.of(readFields(in));
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative row count " + n);
        }
        if (schema.size() == 0) {
            return Batch.ofRowCount(n);
        }
        Column[] cols = new Column[schema.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = readColumn(in, schema.field(i), n);
        }
        return Batch.of(schema, cols);
    }

    private static void writeFields(DataOutputStream out, List<Field> fields) throws IOException {
        out.writeInt(fields.size());
        for (Field f : fields) {
            writeString(out, f.name());
            out.writeByte(f.type().ordinal());
            out.writeBoolean(f.nullable());
            if (f.type() == DataType.STRUCT) {
                writeFields(out, f.children());
            }
        }
    }

    private static List<Field> readFields(DataInputStream in) throws IOException {
        return readFields(in, 0);
    }

    /** A struct nesting deeper than this is damage (a real schema is a few levels deep), not a stack to overflow. */
    private static final int MAX_NESTING = 64;

    private static List<Field> readFields(DataInputStream in, int depth) throws IOException {
        if (depth > MAX_NESTING) {
            throw new IOException("struct columns nested deeper than " + MAX_NESTING);
        }
        int k = in.readInt();
        require(in, (long) k * 6, "fields"); // a field takes at least 6 bytes: name length, type, nullable
        List<Field> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            String name = readString(in);
            int t = in.readByte();
            if (t < 0 || t >= DataType.values().length) {
                throw new IOException("unknown column type " + t);
            }
            DataType type = DataType.values()[t];
            boolean nullable = in.readBoolean();
            List<Field> children = type == DataType.STRUCT ? readFields(in, depth + 1) : List.of();
            out.add(new Field(name, type, nullable, children));
        }
        return out;
    }

    private static void writeColumn(DataOutputStream out, Column c, int n) throws IOException {
        long[] nulls = c instanceof StringColumn ? null : c.nullBitmap();
        int words = (n + 63) >>> 6;
        out.writeBoolean(nulls != null);
        if (nulls != null) {
            for (int w = 0; w < words; w++) {
                out.writeLong(w < nulls.length ? nulls[w] : 0);
            }
        }
        // primitive values in bulk, big-endian as DataOutputStream writes them one by one
        if (c instanceof BooleanColumn b) {
            byte[] bytes = new byte[n];
            for (int r = 0; r < n; r++) {
                bytes[r] = (byte) (b.values()[r] ? 1 : 0);
            }
            out.write(bytes);
        } else if (c instanceof IntColumn ic) {
            ByteBuffer buf = ByteBuffer.allocate(n * 4);
            buf.asIntBuffer().put(ic.values(), 0, n);
            out.write(buf.array());
        } else if (c instanceof LongColumn l) {
            ByteBuffer buf = ByteBuffer.allocate(n * 8);
            buf.asLongBuffer().put(l.values(), 0, n);
            out.write(buf.array());
        } else if (c instanceof DoubleColumn d) {
            ByteBuffer buf = ByteBuffer.allocate(n * 8);
            buf.asDoubleBuffer().put(d.values(), 0, n);
            out.write(buf.array());
        } else if (c instanceof StringColumn s) {
            for (int r = 0; r < n; r++) {
                writeString(out, s.values()[r]);
            }
        } else {
            StructColumn st = (StructColumn) c;
            for (int i = 0; i < st.fields().size(); i++) {
                writeColumn(out, st.child(i), n);
            }
        }
    }

    private static Column readColumn(DataInputStream in, Field f, int n) throws IOException {
        long[] nulls = null;
        if (in.readBoolean()) {
            require(in, ((n + 63L) >>> 6) * 8, "null bitmap");
            nulls = new long[(n + 63) >>> 6];
            for (int w = 0; w < nulls.length; w++) {
                nulls[w] = in.readLong();
            }
        }
        switch (f.type()) {
            case BOOLEAN -> {
                byte[] bytes = readBytes(in, n, 1);
                boolean[] v = new boolean[n];
                for (int r = 0; r < n; r++) {
                    v[r] = bytes[r] != 0;
                }
                return new BooleanColumn(v, n, nulls);
            }
            case INT, DATE -> {
                require(in, 4L * n, "int column");
                int[] v = new int[n];
                ByteBuffer.wrap(readBytes(in, n, 4)).asIntBuffer().get(v);
                return new IntColumn(f.type(), v, n, nulls);
            }
            case LONG, TIMESTAMP, INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH -> {
                require(in, 8L * n, "long column");
                long[] v = new long[n];
                ByteBuffer.wrap(readBytes(in, n, 8)).asLongBuffer().get(v);
                return new LongColumn(f.type(), v, n, nulls);
            }
            case DOUBLE -> {
                require(in, 8L * n, "double column");
                double[] v = new double[n];
                ByteBuffer.wrap(readBytes(in, n, 8)).asDoubleBuffer().get(v);
                return new DoubleColumn(v, n, nulls);
            }
            case STRING -> {
                require(in, 4L * n, "string column"); // at least a length per value
                String[] v = new String[n];
                for (int r = 0; r < n; r++) {
                    v[r] = readString(in);
                }
                return new StringColumn(v, n);
            }
            default -> {
                Column[] children = new Column[f.children().size()];
                for (int i = 0; i < children.length; i++) {
                    children[i] = readColumn(in, f.children().get(i), n);
                }
                return new StructColumn(f.children(), children, n, nulls);
            }
        }
    }

    /** A count the stream cannot hold is damage, not an allocation to try (it would end in OutOfMemoryError). */
    private static void require(DataInputStream in, long bytes, String what) throws IOException {
        if (bytes < 0 || bytes > in.available()) {
            throw new IOException("truncated " + what + ": " + bytes + " bytes expected, " + in.available() + " left");
        }
    }

    /** n values of {@code width} bytes; a count the stream cannot hold is damage, not an allocation to try. */
    private static byte[] readBytes(DataInputStream in, int n, int width) throws IOException {
        long len = (long) n * width;
        if (len > in.available()) {
            throw new IOException("truncated column: " + len + " bytes expected, " + in.available() + " left");
        }
        byte[] b = new byte[(int) len];
        in.readFully(b);
        return b;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0) {
            return null;
        }
        if (len > in.available()) {
            throw new IOException("truncated string: " + len + " bytes expected, " + in.available() + " left");
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
