package dev.eddy.connectors.parquet.internal;

import java.io.IOException;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.values.ValuesReader;

/**
 * The definition levels of a column chunk's pages as the null bitmap of its {@code n} rows: RLE/bit-packed hybrid
 * levels decoded by {@link RleDecoder}, other encodings (BIT_PACKED) through Parquet's own reader.
 */
final class DefinitionLevels {
    private final ColumnDescriptor d;
    private final String name;
    private final int n;
    private final int maxDef;
    /** Bit set = null; allocated at the first null. */
    private long[] nulls;
    /** Reused per page. */
    private int[] levels = new int[0];

    DefinitionLevels(ColumnDescriptor d, String name, int n) {
        this.d = d;
        this.name = name;
        this.n = n;
        this.maxDef = d.getMaxDefinitionLevel();
    }

    /** The null bitmap of the rows so far (bit set = null), or null when no row is null. */
    long[] nulls() {
        return nulls;
    }

    boolean isNull(int row) {
        return nulls != null && (nulls[row >>> 6] & (1L << row)) != 0;
    }

    /** Reads a v2 page's levels (RLE/bit-packed hybrid) into the null bitmap; returns the non-null count. */
    int v2(PageSlice lv, int count, int at) {
        return toNulls(new RleDecoder(lv.array, lv.pos, lv.end, bitWidth(maxDef)), count, at);
    }

    /** Reads a v1 page's levels from {@code s} (advancing it) into the null bitmap; returns the non-null count. */
    int v1(Encoding encoding, PageSlice s, int count, int at) throws IOException {
        if (encoding == Encoding.RLE) {
            int len = s.intLE();
            if (len < 0 || len > s.end - s.pos) {
                throw PageColumns.corrupt(
                        name, "definition levels of " + len + " bytes in a page of " + (s.end - s.pos));
            }
            RleDecoder rle = new RleDecoder(s.array, s.pos, s.pos + len, bitWidth(maxDef));
            s.pos += len;
            return toNulls(rle, count, at);
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

    private int toNulls(RleDecoder rle, int count, int at) {
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

    private static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }
}
