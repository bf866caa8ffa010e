package dev.eddy.connectors.parquet.internal;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop: Parquet's own CodecFactory builds Hadoop codecs (and a Hadoop Configuration),
 * so this factory calls snappy-java, zstd-jni and java.util.zip directly. Writes SNAPPY, ZSTD, GZIP or
 * UNCOMPRESSED; reads the same. Stateless and thread-safe.
 */
public final class LocalCodecs implements CompressionCodecFactory {
    public static final LocalCodecs INSTANCE = new LocalCodecs();
    private static final int ZSTD_LEVEL = 3;

    /**
     * While a thread holds a buffer here (set by {@link PageColumns} around one column chunk, whose pages it decodes
     * one after the other and never keeps), decompressed pages go into that one reused array instead of a new one
     * each: a page's bytes are valid only until the next page is decompressed on the thread.
     */
    static final ThreadLocal<byte[][]> PAGE_BUFFER = new ThreadLocal<>();

    private LocalCodecs() {}

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return codec == CompressionCodecName.UNCOMPRESSED
                        ? bytes
                        : BytesInput.from(LocalCodecs.compress(codec, bytes.toByteArray()));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                // a page read from a file is a view of the row group's buffer: decompress from it, no copy
                ByteBuffer in = bytes.toByteBuffer();
                if (!in.hasArray()) {
                    byte[] copy = new byte[in.remaining()];
                    in.duplicate().get(copy);
                    in = ByteBuffer.wrap(copy);
                }
                if (uncompressedSize < 0) {
                    throw new IOException("corrupt " + codec + " page: uncompressed size " + uncompressedSize);
                }
                byte[][] reuse = PAGE_BUFFER.get();
                byte[] out = reuse == null ? null : reuse[0]; // used if large enough, else replaced
                out = LocalCodecs.decompress(
                        codec, in.array(), in.arrayOffset() + in.position(), in.remaining(), uncompressedSize, out);
                if (reuse != null) {
                    reuse[0] = out;
                }
                return BytesInput.from(out, 0, uncompressedSize);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.duplicate().get(in);
                output.put(
                        codec == CompressionCodecName.UNCOMPRESSED
                                ? in
                                : LocalCodecs.decompress(codec, in, 0, in.length, uncompressedSize, null),
                        0,
                        uncompressedSize);
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public void release() {}

    private static void check(CompressionCodecName codec) {
        switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, GZIP -> {}
            default ->
                throw new IllegalArgumentException("Parquet compression " + codec
                        + " is not supported (supported: snappy, zstd, gzip, uncompressed)");
        }
    }

    private static byte[] compress(CompressionCodecName codec, byte[] in) throws IOException {
        return switch (codec) {
            case SNAPPY -> Snappy.compress(in);
            case ZSTD -> Zstd.compress(in, ZSTD_LEVEL);
            case GZIP -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
                try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                    z.write(in);
                }
                yield out.toByteArray();
            }
            default -> in;
        };
    }

    /** Decompresses into {@code into} if it is given (and large enough), else into a new array of the exact size. */
    private static byte[] decompress(
            CompressionCodecName codec, byte[] in, int off, int len, int uncompressedSize, byte[] into)
            throws IOException {
        if (uncompressedSize < 0) {
            throw new IOException("corrupt " + codec + " page: uncompressed size " + uncompressedSize);
        }
        byte[] out;
        switch (codec) {
            case SNAPPY -> {
                int size = Snappy.uncompressedLength(in, off, len); // a corrupt header must not allocate gigabytes
                checkSize(codec, size, uncompressedSize);
                out = buffer(into, uncompressedSize);
                int n = Snappy.uncompress(in, off, len, out, 0);
                checkSize(codec, n, uncompressedSize);
            }
            case ZSTD -> {
                out = buffer(into, uncompressedSize);
                long n = Zstd.decompressByteArray(out, 0, uncompressedSize, in, off, len);
                if (Zstd.isError(n)) {
                    throw new IOException("corrupt ZSTD page: " + Zstd.getErrorName(n));
                }
                checkSize(codec, n, uncompressedSize);
            }
            case GZIP -> {
                out = buffer(into, uncompressedSize);
                int n;
                try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(in, off, len))) {
                    n = z.readNBytes(out, 0, uncompressedSize);
                }
                checkSize(codec, n, uncompressedSize);
            }
            default -> out = Arrays.copyOfRange(in, off, off + len);
        }
        return out;
    }

    private static byte[] buffer(byte[] into, int size) {
        return into != null && into.length >= size ? into : new byte[size];
    }

    private static void checkSize(CompressionCodecName codec, long got, int expected) throws IOException {
        if (got != expected) {
            throw new IOException("corrupt " + codec + " page: " + got + " bytes instead of " + expected);
        }
    }
}
