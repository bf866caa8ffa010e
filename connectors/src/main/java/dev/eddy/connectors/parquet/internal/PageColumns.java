package dev.eddy.connectors.parquet.internal;

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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
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
    private enum Kind {
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

    /** Decodes one column chunk (all its pages) into one column of {@code n} rows. */
    private static final class ChunkDecoder {
        private final ColumnDescriptor d;
        private final Kind kind;
        private final Field field;
        private final PageReader pages;
        private final int n;
        private final int maxDef;
        private final String name;

        private long[] longs;
        private int[] ints;
        private double[] doubles;
        private boolean[] booleans;
        private String[] strings;
        /** Bit set = null; allocated at the first null. */
        private long[] nulls;

        /** The dictionary's entries, decoded once (the array of this kind); null before a dictionary page. */
        private long[] dictLongs;

        private int[] dictInts;
        private double[] dictDoubles;
        private String[] dictStrings;
        private int dictSize = -1;

        /** Reused per page: definition levels, dictionary ids. */
        private int[] levels = new int[0];

        private int[] ids = new int[0];

        ChunkDecoder(ColumnDescriptor d, Kind kind, Field field, PageReader pages, int n) {
            this.d = d;
            this.kind = kind;
            this.field = field;
            this.pages = pages;
            this.n = n;
            this.maxDef = d.getMaxDefinitionLevel();
            this.name = String.join(".", d.getPath());
            switch (kind) {
                case LONG_FROM_INT64, LONG_FROM_UINT32 -> longs = new long[n];
                case INT_FROM_INT32 -> ints = new int[n];
                case DOUBLE_FROM_DOUBLE, DOUBLE_FROM_FLOAT -> doubles = new double[n];
                case BOOLEAN -> booleans = new boolean[n];
                case STRING -> strings = new String[n];
            }
        }

        /**
         * Decodes every page into the column. Pages are decompressed into {@code pageBuffer} (see
         * {@link LocalCodecs#PAGE_BUFFER}): each page is done with before the next is read, and the dictionary is
         * copied out (strings decoded) before the first data page.
         */
        Column decode(byte[][] pageBuffer) {
            LocalCodecs.PAGE_BUFFER.set(pageBuffer);
            try {
                readDictionary();
                int filled = 0;
                while (filled < n) {
                    DataPage page = pages.readPage();
                    if (page == null) {
                        throw corrupt("its pages hold " + filled + " values, the row group " + n + " rows");
                    }
                    filled += page(page, filled);
                }
            } catch (IOException e) {
                throw new ParquetDecodingException("cannot decode column '" + name + "': " + e.getMessage(), e);
            } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
                throw corrupt("a page is truncated or corrupt (" + e.getMessage() + ")");
            } finally {
                LocalCodecs.PAGE_BUFFER.remove();
            }
            return switch (kind) {
                case LONG_FROM_INT64, LONG_FROM_UINT32 -> {
                    scaleTimestamps();
                    yield new LongColumn(field.type(), longs, n, nulls);
                }
                case INT_FROM_INT32 -> new IntColumn(ints, n, nulls);
                case DOUBLE_FROM_DOUBLE, DOUBLE_FROM_FLOAT -> new DoubleColumn(doubles, n, nulls);
                case BOOLEAN -> new BooleanColumn(booleans, n, nulls);
                case STRING -> new StringColumn(strings, n);
            };
        }

        private ParquetDecodingException corrupt(String what) {
            return new ParquetDecodingException("corrupt column '" + name + "': " + what);
        }

        private void readDictionary() throws IOException {
            DictionaryPage page = pages.readDictionaryPage();
            if (page == null) {
                return;
            }
            if (kind != Kind.STRING
                    && kind != Kind.BOOLEAN
                    && (page.getEncoding() == Encoding.PLAIN || page.getEncoding() == Encoding.PLAIN_DICTIONARY)) {
                plainDictionary(page);
                return;
            }
            Dictionary dict = page.getEncoding().initDictionary(d, page);
            int size = dict.getMaxId() + 1;
            dictSize = size;
            switch (kind) {
                case LONG_FROM_INT64 -> {
                    dictLongs = new long[size];
                    for (int i = 0; i < size; i++) {
                        dictLongs[i] = dict.decodeToLong(i);
                    }
                }
                case LONG_FROM_UINT32 -> {
                    dictLongs = new long[size];
                    for (int i = 0; i < size; i++) {
                        dictLongs[i] = Integer.toUnsignedLong(dict.decodeToInt(i));
                    }
                }
                case INT_FROM_INT32 -> {
                    dictInts = new int[size];
                    for (int i = 0; i < size; i++) {
                        dictInts[i] = dict.decodeToInt(i);
                    }
                }
                case DOUBLE_FROM_DOUBLE -> {
                    dictDoubles = new double[size];
                    for (int i = 0; i < size; i++) {
                        dictDoubles[i] = dict.decodeToDouble(i);
                    }
                }
                case DOUBLE_FROM_FLOAT -> {
                    dictDoubles = new double[size];
                    for (int i = 0; i < size; i++) {
                        dictDoubles[i] = dict.decodeToFloat(i);
                    }
                }
                case STRING -> {
                    dictStrings = new String[size];
                    for (int i = 0; i < size; i++) {
                        dictStrings[i] = dict.decodeToBinary(i).toStringUsingUTF8();
                    }
                }
                case BOOLEAN -> throw corrupt("a dictionary page for a BOOLEAN column");
            }
        }

        /** A dictionary of fixed-width values is PLAIN values: decoded straight into this decoder's array. */
        private void plainDictionary(DictionaryPage page) throws IOException {
            int size = page.getDictionarySize();
            Slice s = Slice.of(page.getBytes());
            if (size < 0) {
                throw corrupt("a dictionary of " + size + " entries");
            }
            ByteBuffer b =
                    ByteBuffer.wrap(s.array, s.pos, s.end - s.pos).slice().order(ByteOrder.LITTLE_ENDIAN);
            switch (kind) {
                case LONG_FROM_INT64 -> {
                    need(s, 8L * size);
                    dictLongs = new long[size];
                    b.asLongBuffer().get(dictLongs, 0, size);
                }
                case LONG_FROM_UINT32 -> {
                    need(s, 4L * size);
                    dictLongs = new long[size];
                    for (int i = 0; i < size; i++) {
                        dictLongs[i] = Integer.toUnsignedLong(b.getInt(i << 2));
                    }
                }
                case INT_FROM_INT32 -> {
                    need(s, 4L * size);
                    dictInts = new int[size];
                    b.asIntBuffer().get(dictInts, 0, size);
                }
                case DOUBLE_FROM_DOUBLE -> {
                    need(s, 8L * size);
                    dictDoubles = new double[size];
                    b.asDoubleBuffer().get(dictDoubles, 0, size);
                }
                case DOUBLE_FROM_FLOAT -> {
                    need(s, 4L * size);
                    dictDoubles = new double[size];
                    for (int i = 0; i < size; i++) {
                        dictDoubles[i] = b.getFloat(i << 2);
                    }
                }
                default -> throw new IllegalStateException("not a fixed-width dictionary: " + kind);
            }
            dictSize = size;
        }

        /** Decodes one data page into rows [at, at + its value count); returns that count. */
        private int page(DataPage page, int at) throws IOException {
            int count = page.getValueCount();
            if (count < 0 || count > n - at) {
                throw corrupt("a page holds " + count + " values past row " + at + " of " + n);
            }
            Slice values;
            Encoding encoding;
            int present;
            if (page instanceof DataPageV1 v1) {
                Slice all = Slice.of(v1.getBytes());
                present = maxDef == 0 ? count : levelsV1(v1.getDlEncoding(), all, count, at);
                values = all;
                encoding = v1.getValueEncoding();
            } else if (page instanceof DataPageV2 v2) {
                if (maxDef == 0) {
                    present = count;
                } else {
                    Slice lv = Slice.of(v2.getDefinitionLevels());
                    RleDecoder rle = new RleDecoder(lv.array, lv.pos, lv.end, bitWidth(maxDef));
                    present = levelsToNulls(rle, count, at);
                }
                values = Slice.of(v2.getData());
                encoding = v2.getDataEncoding();
            } else {
                throw corrupt("unknown page kind " + page.getClass().getSimpleName());
            }
            if (present > 0) {
                values(encoding, values, present, count, at);
            }
            if (present < count) {
                spread(present, count, at);
            }
            return count;
        }

        /** Reads a v1 page's definition levels from {@code s} (advancing it) into the null bitmap. */
        private int levelsV1(Encoding encoding, Slice s, int count, int at) throws IOException {
            if (encoding == Encoding.RLE) {
                int len = s.intLE();
                if (len < 0 || len > s.end - s.pos) {
                    throw corrupt("definition levels of " + len + " bytes in a page of " + (s.end - s.pos));
                }
                RleDecoder rle = new RleDecoder(s.array, s.pos, s.pos + len, bitWidth(maxDef));
                s.pos += len;
                return levelsToNulls(rle, count, at);
            }
            ValuesReader r = encoding.getValuesReader(d, ValuesType.DEFINITION_LEVEL);
            ByteBufferInputStream in = s.stream();
            r.initFromPage(count, in);
            int[] lv = levels(count);
            for (int i = 0; i < count; i++) {
                lv[i] = r.readInteger();
            }
            s.pos += (int) in.position();
            return nullsFrom(lv, count, at);
        }

        private int levelsToNulls(RleDecoder rle, int count, int at) {
            int[] lv = levels(count);
            rle.read(lv, 0, count);
            return nullsFrom(lv, count, at);
        }

        /** Marks rows whose level is below the maximum null; returns how many are not. */
        private int nullsFrom(int[] lv, int count, int at) {
            int present = 0;
            for (int i = 0; i < count; i++) {
                if (lv[i] == maxDef) {
                    present++;
                } else {
                    if (nulls == null) {
                        nulls = new long[(n + 63) >>> 6];
                    }
                    int row = at + i;
                    nulls[row >>> 6] |= 1L << row;
                }
            }
            return present;
        }

        private int[] levels(int count) {
            if (levels.length < count) {
                levels = new int[count];
            }
            return levels;
        }

        /** Decodes {@code present} values densely into rows [at, at + present). */
        private void values(Encoding encoding, Slice s, int present, int count, int at) throws IOException {
            if (encoding == Encoding.PLAIN) {
                plain(s, present, at);
            } else if (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY) {
                dictionary(s, present, at);
            } else {
                ValuesReader r = encoding.getValuesReader(d, ValuesType.VALUES);
                r.initFromPage(count, s.stream());
                other(r, present, at);
            }
        }

        private void plain(Slice s, int present, int at) {
            ByteBuffer b =
                    ByteBuffer.wrap(s.array, s.pos, s.end - s.pos).slice().order(ByteOrder.LITTLE_ENDIAN);
            switch (kind) {
                case LONG_FROM_INT64 -> {
                    need(s, 8L * present);
                    b.asLongBuffer().get(longs, at, present);
                }
                case LONG_FROM_UINT32 -> {
                    need(s, 4L * present);
                    for (int i = 0; i < present; i++) {
                        longs[at + i] = Integer.toUnsignedLong(b.getInt(i << 2));
                    }
                }
                case INT_FROM_INT32 -> {
                    need(s, 4L * present);
                    b.asIntBuffer().get(ints, at, present);
                }
                case DOUBLE_FROM_DOUBLE -> {
                    need(s, 8L * present);
                    b.asDoubleBuffer().get(doubles, at, present);
                }
                case DOUBLE_FROM_FLOAT -> {
                    need(s, 4L * present);
                    for (int i = 0; i < present; i++) {
                        doubles[at + i] = b.getFloat(i << 2);
                    }
                }
                case BOOLEAN -> {
                    need(s, (present + 7L) >>> 3);
                    byte[] a = s.array;
                    int p = s.pos;
                    for (int i = 0; i < present; i++) {
                        booleans[at + i] = ((a[p + (i >>> 3)] >>> (i & 7)) & 1) != 0;
                    }
                }
                case STRING -> {
                    byte[] a = s.array;
                    int p = s.pos;
                    for (int i = 0; i < present; i++) {
                        if (s.end - p < 4) {
                            throw corrupt("a string value is cut off after " + i + " of " + present);
                        }
                        int len = (a[p] & 0xFF) | (a[p + 1] & 0xFF) << 8 | (a[p + 2] & 0xFF) << 16 | a[p + 3] << 24;
                        p += 4;
                        if (len < 0 || len > s.end - p) {
                            throw corrupt("a string value of " + len + " bytes is cut off");
                        }
                        strings[at + i] = new String(a, p, len, StandardCharsets.UTF_8);
                        p += len;
                    }
                }
            }
        }

        private void need(Slice s, long bytes) {
            if (bytes > s.end - s.pos) {
                throw corrupt("a page needs " + bytes + " bytes of values but holds " + (s.end - s.pos));
            }
        }

        private void dictionary(Slice s, int present, int at) {
            if (dictSize < 0) {
                throw corrupt("a dictionary-encoded page but no dictionary page");
            }
            if (s.pos >= s.end) {
                throw corrupt("a dictionary-encoded page with no bit width");
            }
            int width = s.array[s.pos] & 0xFF;
            if (width > 32) {
                throw corrupt("dictionary ids of " + width + " bits");
            }
            if (ids.length < present) {
                ids = new int[present];
            }
            int[] id = ids;
            new RleDecoder(s.array, s.pos + 1, s.end, width).read(id, 0, present);
            for (int i = 0; i < present; i++) {
                if (id[i] < 0 || id[i] >= dictSize) {
                    throw corrupt(
                            "dictionary id " + Integer.toUnsignedString(id[i]) + " of a dictionary of " + dictSize);
                }
            }
            switch (kind) {
                case LONG_FROM_INT64, LONG_FROM_UINT32 -> {
                    long[] dict = dictLongs;
                    for (int i = 0; i < present; i++) {
                        longs[at + i] = dict[id[i]];
                    }
                }
                case INT_FROM_INT32 -> {
                    int[] dict = dictInts;
                    for (int i = 0; i < present; i++) {
                        ints[at + i] = dict[id[i]];
                    }
                }
                case DOUBLE_FROM_DOUBLE, DOUBLE_FROM_FLOAT -> {
                    double[] dict = dictDoubles;
                    for (int i = 0; i < present; i++) {
                        doubles[at + i] = dict[id[i]];
                    }
                }
                case STRING -> {
                    String[] dict = dictStrings;
                    for (int i = 0; i < present; i++) {
                        strings[at + i] = dict[id[i]];
                    }
                }
                case BOOLEAN -> throw corrupt("dictionary-encoded BOOLEAN values");
            }
        }

        /** Any other encoding, through Parquet's reader for it. */
        private void other(ValuesReader r, int present, int at) {
            switch (kind) {
                case LONG_FROM_INT64 -> {
                    for (int i = 0; i < present; i++) {
                        longs[at + i] = r.readLong();
                    }
                }
                case LONG_FROM_UINT32 -> {
                    for (int i = 0; i < present; i++) {
                        longs[at + i] = Integer.toUnsignedLong(r.readInteger());
                    }
                }
                case INT_FROM_INT32 -> {
                    for (int i = 0; i < present; i++) {
                        ints[at + i] = r.readInteger();
                    }
                }
                case DOUBLE_FROM_DOUBLE -> {
                    for (int i = 0; i < present; i++) {
                        doubles[at + i] = r.readDouble();
                    }
                }
                case DOUBLE_FROM_FLOAT -> {
                    for (int i = 0; i < present; i++) {
                        doubles[at + i] = r.readFloat();
                    }
                }
                case BOOLEAN -> {
                    for (int i = 0; i < present; i++) {
                        booleans[at + i] = r.readBoolean();
                    }
                }
                case STRING -> {
                    for (int i = 0; i < present; i++) {
                        strings[at + i] = r.readBytes().toStringUsingUTF8();
                    }
                }
            }
        }

        /**
         * The page's {@code present} values sit densely at rows [at, at + present): move each to its non-null row,
         * last first, and clear the null rows (0, false or null, as the value-at-a-time path leaves them).
         */
        private void spread(int present, int count, int at) {
            int j = at + present - 1;
            for (int i = at + count - 1; i >= at; i--) {
                boolean isNull = nulls != null && (nulls[i >>> 6] & (1L << i)) != 0;
                switch (kind) {
                    case LONG_FROM_INT64, LONG_FROM_UINT32 -> longs[i] = isNull ? 0 : longs[j];
                    case INT_FROM_INT32 -> ints[i] = isNull ? 0 : ints[j];
                    case DOUBLE_FROM_DOUBLE, DOUBLE_FROM_FLOAT -> doubles[i] = isNull ? 0 : doubles[j];
                    case BOOLEAN -> booleans[i] = !isNull && booleans[j];
                    case STRING -> strings[i] = isNull ? null : strings[j];
                }
                if (!isNull) {
                    j--;
                }
            }
        }

        private void scaleTimestamps() {
            long scale = FlatColumns.timeScale(d.getPrimitiveType());
            if (scale == 1) {
                return;
            }
            for (int i = 0; i < n; i++) {
                if (nulls != null && (nulls[i >>> 6] & (1L << i)) != 0) {
                    continue;
                }
                long x = longs[i];
                longs[i] = scale > 0 ? Math.multiplyExact(x, scale) : Math.floorDiv(x, -scale);
            }
        }
    }

    private static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    /** A page's bytes as an array range (a copy only when the page is not on the heap). */
    private static final class Slice {
        final byte[] array;
        int pos;
        final int end;

        private Slice(byte[] array, int pos, int end) {
            this.array = array;
            this.pos = pos;
            this.end = end;
        }

        static Slice of(BytesInput bytes) throws IOException {
            ByteBuffer b = bytes.toByteBuffer();
            if (b.hasArray()) {
                int start = b.arrayOffset() + b.position();
                return new Slice(b.array(), start, start + b.remaining());
            }
            byte[] copy = new byte[b.remaining()];
            b.duplicate().get(copy);
            return new Slice(copy, 0, copy.length);
        }

        int intLE() {
            if (end - pos < 4) {
                throw new ParquetDecodingException("a page is cut off in its definition levels' length");
            }
            byte[] a = array;
            int v = (a[pos] & 0xFF) | (a[pos + 1] & 0xFF) << 8 | (a[pos + 2] & 0xFF) << 16 | a[pos + 3] << 24;
            pos += 4;
            return v;
        }

        ByteBufferInputStream stream() {
            return ByteBufferInputStream.wrap(
                    ByteBuffer.wrap(array, pos, end - pos).slice());
        }
    }
}
