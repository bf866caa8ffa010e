package dev.eddy.connectors.parquet.internal;

import dev.eddy.connectors.parquet.internal.PageColumns.Kind;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.StringColumn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes one column chunk (all its pages) into one column of {@code n} rows, a page at a time (see
 * {@link PageColumns}): the page's definition levels into the null bitmap ({@link DefinitionLevels}), its values
 * densely into the column's array (PLAIN in bulk, dictionary ids mapped through {@link ChunkDictionary}, any other
 * encoding through Parquet's reader) and then spread over the non-null rows.
 */
final class ChunkDecoder {
    private final ColumnDescriptor d;
    private final Kind kind;
    private final Field field;
    private final PageReader pages;
    private final int n;
    private final int maxDef;
    private final String name;
    private final DefinitionLevels levels;
    private final ChunkDictionary dictionary;

    /** The column's values (the array of this kind). */
    private long[] longs;

    private int[] ints;
    private double[] doubles;
    private boolean[] booleans;
    private String[] strings;

    ChunkDecoder(ColumnDescriptor d, Kind kind, Field field, PageReader pages, int n) {
        this.d = d;
        this.kind = kind;
        this.field = field;
        this.pages = pages;
        this.n = n;
        this.maxDef = d.getMaxDefinitionLevel();
        this.name = String.join(".", d.getPath());
        this.levels = new DefinitionLevels(d, name, n);
        this.dictionary = new ChunkDictionary(d, kind, name);
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
            dictionary.read(pages);
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
                yield new LongColumn(field.type(), longs, n, levels.nulls());
            }
            case INT_FROM_INT32 -> new IntColumn(ints, n, levels.nulls());
            case DOUBLE_FROM_DOUBLE, DOUBLE_FROM_FLOAT -> new DoubleColumn(doubles, n, levels.nulls());
            case BOOLEAN -> new BooleanColumn(booleans, n, levels.nulls());
            case STRING -> new StringColumn(strings, n);
        };
    }

    private ParquetDecodingException corrupt(String what) {
        return PageColumns.corrupt(name, what);
    }

    /** Decodes one data page into rows [at, at + its value count); returns that count. */
    private int page(DataPage page, int at) throws IOException {
        int count = page.getValueCount();
        if (count < 0 || count > n - at) {
            throw corrupt("a page holds " + count + " values past row " + at + " of " + n);
        }
        PageSlice values;
        Encoding encoding;
        int present;
        if (page instanceof DataPageV1 v1) {
            PageSlice all = PageSlice.of(v1.getBytes());
            present = maxDef == 0 ? count : levels.v1(v1.getDlEncoding(), all, count, at);
            values = all;
            encoding = v1.getValueEncoding();
        } else if (page instanceof DataPageV2 v2) {
            if (maxDef == 0) {
                present = count;
            } else {
                present = levels.v2(PageSlice.of(v2.getDefinitionLevels()), count, at);
            }
            values = PageSlice.of(v2.getData());
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

    /** Decodes {@code present} values densely into rows [at, at + present). */
    private void values(Encoding encoding, PageSlice s, int present, int count, int at) throws IOException {
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

    private void plain(PageSlice s, int present, int at) {
        ByteBuffer b = ByteBuffer.wrap(s.array, s.pos, s.end - s.pos).slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (kind) {
            case LONG_FROM_INT64 -> {
                PageColumns.need(name, s, 8L * present);
                b.asLongBuffer().get(longs, at, present);
            }
            case LONG_FROM_UINT32 -> {
                PageColumns.need(name, s, 4L * present);
                for (int i = 0; i < present; i++) {
                    longs[at + i] = Integer.toUnsignedLong(b.getInt(i << 2));
                }
            }
            case INT_FROM_INT32 -> {
                PageColumns.need(name, s, 4L * present);
                b.asIntBuffer().get(ints, at, present);
            }
            case DOUBLE_FROM_DOUBLE -> {
                PageColumns.need(name, s, 8L * present);
                b.asDoubleBuffer().get(doubles, at, present);
            }
            case DOUBLE_FROM_FLOAT -> {
                PageColumns.need(name, s, 4L * present);
                for (int i = 0; i < present; i++) {
                    doubles[at + i] = b.getFloat(i << 2);
                }
            }
            case BOOLEAN -> {
                PageColumns.need(name, s, (present + 7L) >>> 3);
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

    private void dictionary(PageSlice s, int present, int at) {
        int[] id = dictionary.ids(s, present);
        switch (kind) {
            case LONG_FROM_INT64, LONG_FROM_UINT32 -> {
                long[] dict = dictionary.longs;
                for (int i = 0; i < present; i++) {
                    longs[at + i] = dict[id[i]];
                }
            }
            case INT_FROM_INT32 -> {
                int[] dict = dictionary.ints;
                for (int i = 0; i < present; i++) {
                    ints[at + i] = dict[id[i]];
                }
            }
            case DOUBLE_FROM_DOUBLE, DOUBLE_FROM_FLOAT -> {
                double[] dict = dictionary.doubles;
                for (int i = 0; i < present; i++) {
                    doubles[at + i] = dict[id[i]];
                }
            }
            case STRING -> {
                String[] dict = dictionary.strings;
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
            boolean isNull = levels.isNull(i);
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
            if (levels.isNull(i)) {
                continue;
            }
            long x = longs[i];
            longs[i] = scale > 0 ? Math.multiplyExact(x, scale) : Math.floorDiv(x, -scale);
        }
    }
}
