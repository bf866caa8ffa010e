package dev.eddy.connectors.parquet.internal;

import java.util.Arrays;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Parquet's RLE/bit-packed hybrid encoding (definition levels, dictionary ids) decoded into an {@code int[]} in bulk:
 * a run of repeated values is one fill, a bit-packed run one loop over its bytes. Reads bytes [pos, end) of an array;
 * running past {@code end} is an error, never a read beyond it.
 */
final class RleDecoder {
    private final byte[] a;
    private int pos;
    private final int end;
    private final int width;
    private final int valueBytes;
    private final int mask;

    RleDecoder(byte[] a, int pos, int end, int width) {
        if (width < 0 || width > 32) {
            throw new ParquetDecodingException("RLE/bit-packed values of " + width + " bits");
        }
        this.a = a;
        this.pos = pos;
        this.end = end;
        this.width = width;
        this.valueBytes = (width + 7) >>> 3;
        this.mask = width == 32 ? -1 : (1 << width) - 1;
    }

    /** Decodes {@code count} values into {@code out[off, off + count)}. */
    void read(int[] out, int off, int count) {
        int done = 0;
        while (done < count) {
            int header = varint();
            int want = count - done;
            if ((header & 1) == 0) { // a run of one value
                int run = header >>> 1;
                if (valueBytes > end - pos) {
                    throw cutOff();
                }
                int v = 0;
                for (int i = 0; i < valueBytes; i++) {
                    v |= (a[pos + i] & 0xFF) << (8 * i);
                }
                pos += valueBytes;
                int take = Math.min(run, want);
                Arrays.fill(out, off + done, off + done + take, v);
                done += take;
            } else { // groups of 8 bit-packed values, least significant bit first
                int groups = header >>> 1;
                long bytes = (long) groups * width;
                if (bytes > end - pos) {
                    // a writer may end the last run early: take the values whose bytes are there
                    bytes = end - pos;
                }
                int available = (int) Math.min((long) groups * 8, bytes * 8 / Math.max(width, 1));
                if (width == 0) {
                    available = groups * 8;
                }
                int take = Math.min(available, want);
                if (take <= 0 && want > 0) {
                    throw cutOff();
                }
                unpack(out, off + done, take);
                pos += (int) bytes;
                done += take;
            }
        }
    }

    private void unpack(int[] out, int at, int take) {
        if (width == 0) {
            Arrays.fill(out, at, at + take, 0);
            return;
        }
        int p = pos;
        long acc = 0;
        int bits = 0;
        int w = width;
        int m = mask;
        for (int i = 0; i < take; i++) {
            while (bits < w) {
                acc |= (a[p++] & 0xFFL) << bits;
                bits += 8;
            }
            out[at + i] = (int) acc & m;
            acc >>>= w;
            bits -= w;
        }
    }

    private int varint() {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= end) {
                throw cutOff();
            }
            int b = a[pos++];
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new ParquetDecodingException("an RLE/bit-packed run header is not a varint");
    }

    private static ParquetDecodingException cutOff() {
        return new ParquetDecodingException("RLE/bit-packed data is cut off before its last value");
    }
}
