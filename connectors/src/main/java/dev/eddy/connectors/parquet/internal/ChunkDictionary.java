package dev.eddy.connectors.parquet.internal;

import dev.eddy.connectors.parquet.internal.PageColumns.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;

/**
 * A column chunk's dictionary, decoded once (each string entry once) into the array of the column's kind, and the
 * dictionary ids of its pages: a PLAIN dictionary of fixed-width values is copied in bulk, any other through
 * Parquet's {@link Dictionary}.
 */
final class ChunkDictionary {
    private final ColumnDescriptor d;
    private final Kind kind;
    private final String name;

    /** The entries (the array of this kind); null before a dictionary page. */
    long[] longs;

    int[] ints;
    double[] doubles;
    String[] strings;
    private int size = -1;

    /** Reused per page. */
    private int[] ids = new int[0];

    ChunkDictionary(ColumnDescriptor d, Kind kind, String name) {
        this.d = d;
        this.kind = kind;
        this.name = name;
    }

    /** Reads the chunk's dictionary page, if it has one, and decodes its entries. */
    void read(PageReader pages) throws IOException {
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
        this.size = size;
        switch (kind) {
            case LONG_FROM_INT64 -> {
                longs = new long[size];
                for (int i = 0; i < size; i++) {
                    longs[i] = dict.decodeToLong(i);
                }
            }
            case LONG_FROM_UINT32 -> {
                longs = new long[size];
                for (int i = 0; i < size; i++) {
                    longs[i] = Integer.toUnsignedLong(dict.decodeToInt(i));
                }
            }
            case INT_FROM_INT32 -> {
                ints = new int[size];
                for (int i = 0; i < size; i++) {
                    ints[i] = dict.decodeToInt(i);
                }
            }
            case DOUBLE_FROM_DOUBLE -> {
                doubles = new double[size];
                for (int i = 0; i < size; i++) {
                    doubles[i] = dict.decodeToDouble(i);
                }
            }
            case DOUBLE_FROM_FLOAT -> {
                doubles = new double[size];
                for (int i = 0; i < size; i++) {
                    doubles[i] = dict.decodeToFloat(i);
                }
            }
            case STRING -> {
                strings = new String[size];
                for (int i = 0; i < size; i++) {
                    strings[i] = dict.decodeToBinary(i).toStringUsingUTF8();
                }
            }
            case BOOLEAN -> throw PageColumns.corrupt(name, "a dictionary page for a BOOLEAN column");
        }
    }

    /** A dictionary of fixed-width values is PLAIN values: copied straight into the entries' array. */
    private void plainDictionary(DictionaryPage page) throws IOException {
        int size = page.getDictionarySize();
        PageSlice s = PageSlice.of(page.getBytes());
        if (size < 0) {
            throw PageColumns.corrupt(name, "a dictionary of " + size + " entries");
        }
        ByteBuffer b = ByteBuffer.wrap(s.array, s.pos, s.end - s.pos).slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (kind) {
            case LONG_FROM_INT64 -> {
                PageColumns.need(name, s, 8L * size);
                longs = new long[size];
                b.asLongBuffer().get(longs, 0, size);
            }
            case LONG_FROM_UINT32 -> {
                PageColumns.need(name, s, 4L * size);
                longs = new long[size];
                for (int i = 0; i < size; i++) {
                    longs[i] = Integer.toUnsignedLong(b.getInt(i << 2));
                }
            }
            case INT_FROM_INT32 -> {
                PageColumns.need(name, s, 4L * size);
                ints = new int[size];
                b.asIntBuffer().get(ints, 0, size);
            }
            case DOUBLE_FROM_DOUBLE -> {
                PageColumns.need(name, s, 8L * size);
                doubles = new double[size];
                b.asDoubleBuffer().get(doubles, 0, size);
            }
            case DOUBLE_FROM_FLOAT -> {
                PageColumns.need(name, s, 4L * size);
                doubles = new double[size];
                for (int i = 0; i < size; i++) {
                    doubles[i] = b.getFloat(i << 2);
                }
            }
            default -> throw new IllegalStateException("not a fixed-width dictionary: " + kind);
        }
        this.size = size;
    }

    /**
     * Decodes a dictionary-encoded page's {@code present} ids (a bit width byte, then RLE/bit-packed hybrid) into the
     * returned array, reused from page to page, each checked to be an entry of the dictionary.
     */
    int[] ids(PageSlice s, int present) {
        if (size < 0) {
            throw PageColumns.corrupt(name, "a dictionary-encoded page but no dictionary page");
        }
        if (s.pos >= s.end) {
            throw PageColumns.corrupt(name, "a dictionary-encoded page with no bit width");
        }
        int width = s.array[s.pos] & 0xFF;
        if (width > 32) {
            throw PageColumns.corrupt(name, "dictionary ids of " + width + " bits");
        }
        if (ids.length < present) {
            ids = new int[present];
        }
        int[] id = ids;
        new RleDecoder(s.array, s.pos + 1, s.end, width).read(id, 0, present);
        for (int i = 0; i < present; i++) {
            if (id[i] < 0 || id[i] >= size) {
                throw PageColumns.corrupt(
                        name, "dictionary id " + Integer.toUnsignedString(id[i]) + " of a dictionary of " + size);
            }
        }
        return id;
    }
}
