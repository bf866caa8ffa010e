package dev.eddy.connectors.parquet.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.io.ParquetDecodingException;

/** A page's bytes as an array range (a copy only when the page is not on the heap). */
final class PageSlice {
    final byte[] array;
    int pos;
    final int end;

    private PageSlice(byte[] array, int pos, int end) {
        this.array = array;
        this.pos = pos;
        this.end = end;
    }

    static PageSlice of(BytesInput bytes) throws IOException {
        ByteBuffer b = bytes.toByteBuffer();
        if (b.hasArray()) {
            int start = b.arrayOffset() + b.position();
            return new PageSlice(b.array(), start, start + b.remaining());
        }
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return new PageSlice(copy, 0, copy.length);
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
        return ByteBufferInputStream.wrap(ByteBuffer.wrap(array, pos, end - pos).slice());
    }
}
