package dev.eddy.streaming.internal.source.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.BufferSupplier;

/**
 * Record batches of a raw fetch ({@link KafkaRawLink}, the batches {@link KafkaRawBatchScan} kept) read where they
 * lie in the response's bytes, on the decode thread: Kafka's record format v2 (batch header, then each record's varints; a compressed batch's records are first
 * decompressed into a buffer the cursor reuses, with the client's codecs), and the old formats 0 and 1 through the
 * client's own record iterator (rare: brokers write v2 since Kafka 0.11). No object per record for v2. Public for the
 * bench's probe ({@code KafkaProbe}), which walks a topic's records with this same cursor.
 *
 * <p>Not public API: {@code org.apache.kafka.common.record.internal} and {@code Compression} are kafka-clients
 * internals (4.3.1); every client upgrade must check this class and {@link KafkaRawLink} against them. The v2 format
 * itself is Kafka's stable wire format.
 */
public final class KafkaRawRecords {
    /** Size of a v2 batch header; the records follow it. */
    static final int V2_HEADER = 61;

    private KafkaRawRecords() {}

    /**
     * The batches of one partition in one response that the fetch thread kept (CRC checked; control batches and
     * aborted transactions' batches left out): {@code [starts[i], ends[i])} of {@code array}, {@code count} of them;
     * records before {@code from} (a batch that starts before the fetch offset) are skipped. {@code records}: how many
     * records they hold from {@code from} on (flow control; exact unless a compacted batch starts before {@code from}).
     */
    public record Batches(byte[] array, int[] starts, int[] ends, int count, long from, int records) {}

    /**
     * Walks the records of {@link Batches}: after {@link #next} returns true, the fields describe one record (key and
     * value as ranges of {@code key}/{@code value}, length -1 for null). One cursor per decode thread, reused.
     */
    public static final class Cursor {
        long offset;
        long timestamp;
        byte[] key;
        int keyOff;
        int keyLen;
        byte[] value;
        int valueOff;
        int valueLen;

        private Batches batches;
        private int batch;
        private boolean pushedBack;
        // the v2 batch being read
        private byte[] data;
        private int pos;
        private int left;
        private long baseOffset;
        private long baseTimestamp;
        private long maxTimestamp;
        private boolean logAppendTime;
        private int headersAt;
        private int headerCount;
        // an old-format batch, through the client's iterator
        private Iterator<Record> legacy;
        private Record legacyRecord;
        /** Decompressed records of the current batch (reused, grows). */
        private byte[] inflated = new byte[1 << 16];

        private final BufferSupplier buffers = BufferSupplier.create();

        /** The offset of the current record. */
        public long offset() {
            return offset;
        }

        /** The array that holds the current record's value (the response's, or the decompressed batch's). */
        public byte[] valueArray() {
            return value;
        }

        public int valueOffset() {
            return valueOff;
        }

        /** The current record's value length, -1 for a null value. */
        public int valueLength() {
            return valueLen;
        }

        public void reset(Batches b) {
            batches = b;
            batch = 0;
            left = 0;
            legacy = null;
            pushedBack = false;
        }

        /** The record {@link #next} returned last comes again from the next call. */
        void back() {
            pushedBack = true;
        }

        public boolean next() {
            if (pushedBack) {
                pushedBack = false;
                return true;
            }
            while (true) {
                if (legacy != null) {
                    while (legacy.hasNext()) {
                        if (legacy(legacy.next())) {
                            return true;
                        }
                    }
                    legacy = null;
                }
                if (left > 0) {
                    left--;
                    if (readRecord()) {
                        return true;
                    }
                    continue;
                }
                if (batches == null || batch >= batches.count()) {
                    return false;
                }
                open(batch++);
            }
        }

        /** The current record's headers (only when the query reads them). */
        Header[] headers() {
            if (legacyRecord != null) {
                return legacyRecord.headers();
            }
            Header[] out = new Header[headerCount];
            int[] p = {headersAt};
            for (int i = 0; i < headerCount; i++) {
                int kl = varint(data, p);
                String k = new String(data, p[0], kl, StandardCharsets.UTF_8);
                p[0] += kl;
                int vl = varint(data, p);
                byte[] v = vl < 0 ? null : Arrays.copyOfRange(data, p[0], p[0] + vl);
                p[0] += Math.max(0, vl);
                out[i] = new RecordHeader(k, v);
            }
            return out;
        }

        private void open(int i) {
            byte[] a = batches.array();
            int start = batches.starts()[i];
            int end = batches.ends()[i];
            legacyRecord = null;
            if (a[start + 16] < 2) {
                legacy = MemoryRecords.readableRecords(
                                ByteBuffer.wrap(a, start, end - start).slice())
                        .records()
                        .iterator();
                return;
            }
            ByteBuffer h = ByteBuffer.wrap(a);
            int attributes = h.getShort(start + 21);
            baseOffset = h.getLong(start);
            baseTimestamp = h.getLong(start + 27);
            maxTimestamp = h.getLong(start + 35);
            logAppendTime = (attributes & 0x08) != 0;
            left = h.getInt(start + 57);
            int codec = attributes & 0x07;
            if (codec == 0) {
                data = a;
                pos = start + V2_HEADER;
            } else {
                inflate(codec, a, start + V2_HEADER, end - start - V2_HEADER);
                data = inflated;
                pos = 0;
            }
        }

        private void inflate(int codec, byte[] a, int off, int len) {
            Compression c = Compression.of(CompressionType.forId(codec)).build();
            int n = 0;
            try (InputStream in = c.wrapForInput(ByteBuffer.wrap(a, off, len), (byte) 2, buffers)) {
                while (true) {
                    if (n == inflated.length) {
                        inflated = Arrays.copyOf(inflated, n * 2);
                    }
                    int r = in.read(inflated, n, inflated.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot decompress a Kafka record batch (" + c.type() + ")", e);
            }
        }

        /** The next v2 record of the batch into the fields; false when it is before the fetch offset. */
        private boolean readRecord() {
            byte[] a = data;
            int[] p = {pos};
            int length = varint(a, p);
            int recordEnd = p[0] + length;
            p[0]++; // attributes
            long tsDelta = varlong(a, p);
            int offsetDelta = varint(a, p);
            keyLen = varint(a, p);
            key = a;
            keyOff = p[0];
            p[0] += Math.max(0, keyLen);
            valueLen = varint(a, p);
            value = a;
            valueOff = p[0];
            p[0] += Math.max(0, valueLen);
            headerCount = varint(a, p);
            headersAt = p[0];
            pos = recordEnd;
            offset = baseOffset + offsetDelta;
            timestamp = logAppendTime ? maxTimestamp : baseTimestamp + tsDelta;
            return offset >= batches.from();
        }

        private boolean legacy(Record r) {
            if (r.offset() < batches.from()) {
                return false;
            }
            legacyRecord = r;
            offset = r.offset();
            timestamp = r.timestamp();
            ByteBuffer k = r.key();
            ByteBuffer v = r.value();
            key = k == null ? null : bytes(k);
            keyOff = 0;
            keyLen = k == null ? -1 : key.length;
            value = v == null ? null : bytes(v);
            valueOff = 0;
            valueLen = v == null ? -1 : value.length;
            return true;
        }

        private static byte[] bytes(ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
    }

    /** A zig-zag varint at p[0] (Kafka's record fields), advancing p[0]. */
    static int varint(byte[] a, int[] p) {
        int i = p[0];
        int v = 0;
        int shift = 0;
        byte b;
        do {
            b = a[i++];
            v |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        p[0] = i;
        return (v >>> 1) ^ -(v & 1);
    }

    static long varlong(byte[] a, int[] p) {
        int i = p[0];
        long v = 0;
        int shift = 0;
        byte b;
        do {
            b = a[i++];
            v |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        p[0] = i;
        return (v >>> 1) ^ -(v & 1);
    }
}
