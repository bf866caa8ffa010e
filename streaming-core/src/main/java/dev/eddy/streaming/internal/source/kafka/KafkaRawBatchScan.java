package dev.eddy.streaming.internal.source.kafka;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.Crc32C;

/**
 * One partition's records in one fetch response, walked batch header by batch header where they lie: each v2 batch's
 * CRC-32C checked ({@code check.crcs}), control batches and (read_committed) aborted transactions' batches left out
 * ({@link KafkaAbortedTransactions}), a batch cut at the response's end left for the next fetch, formats 0/1 through
 * the client's batch class. What is kept goes on as byte ranges ({@link KafkaRawRecords.Batches}), whose records
 * {@link KafkaRawRecords.Cursor} reads. Public for the bench's probe ({@code KafkaProbe}), which reads a topic the
 * same way.
 */
public final class KafkaRawBatchScan {
    /** The fixed part of a batch header that says where the batch ends and its format (offset, length, epoch, magic). */
    private static final int LOG_OVERHEAD_AND_MAGIC = 17;

    private KafkaRawBatchScan() {}

    /**
     * @param kept    the batches to read (null when none is), records from the fetch offset on
     * @param next    the partition's position after this response (past every whole batch, kept or not)
     * @param records the records kept from the fetch offset on
     * @param whole   false when not one whole batch came: the first batch is larger than the fetch size
     */
    public record Result(KafkaRawRecords.Batches kept, long next, int records, boolean whole) {}

    /**
     * Scans {@code records} (the partition's record bytes of a response fetched from offset {@code at}).
     *
     * @param aborted read_committed's filter for this partition and response, or null (read_uncommitted: only
     *                control batches are left out)
     */
    public static Result scan(
            TopicPartition tp, long at, ByteBuffer records, boolean checkCrcs, KafkaAbortedTransactions aborted) {
        byte[] a;
        int base;
        if (records.hasArray()) {
            a = records.array();
            base = records.arrayOffset() + records.position();
        } else {
            a = new byte[records.remaining()];
            records.duplicate().get(a);
            base = 0;
        }
        int end = base + records.remaining();
        ByteBuffer view = ByteBuffer.wrap(a);
        int[] starts = new int[8];
        int[] ends = new int[8];
        int n = 0;
        int kept = 0;
        long next = at;
        int p = base;
        while (p + LOG_OVERHEAD_AND_MAGIC <= end) {
            long baseOffset = view.getLong(p);
            int batchEnd = p + 12 + view.getInt(p + 8);
            if (batchEnd > end || batchEnd < p + LOG_OVERHEAD_AND_MAGIC) {
                break; // cut at the response's end: fetched again from its start
            }
            long lastOffset;
            boolean keep;
            int count;
            if (a[p + 16] >= 2) {
                if (checkCrcs
                        && Crc32C.compute(a, p + 21, batchEnd - (p + 21)) != (view.getInt(p + 17) & 0xFFFFFFFFL)) {
                    throw new CorruptRecordException("Kafka topic partition " + tp + ": the record batch at offset "
                            + baseOffset + " fails its CRC check (corrupt on the broker or on the way)");
                }
                int attributes = view.getShort(p + 21);
                lastOffset = baseOffset + view.getInt(p + 23);
                count = view.getInt(p + 57);
                boolean control = (attributes & 0x20) != 0;
                keep = aborted == null
                        ? !control
                        : aborted.keep(
                                a, p, batchEnd, view.getLong(p + 43), (attributes & 0x10) != 0, control, lastOffset);
            } else {
                RecordBatch legacy = MemoryRecords.readableRecords(
                                ByteBuffer.wrap(a, p, batchEnd - p).slice())
                        .batches()
                        .iterator()
                        .next();
                if (checkCrcs) {
                    legacy.ensureValid();
                }
                lastOffset = legacy.lastOffset();
                count = 1;
                keep = true;
            }
            if (keep && lastOffset >= at) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                    ends = Arrays.copyOf(ends, n * 2);
                }
                starts[n] = p;
                ends[n++] = batchEnd;
                // a batch that starts before the fetch offset: only its records from there on are read
                kept += baseOffset < at ? (int) Math.min(count, lastOffset - at + 1) : count;
            }
            next = Math.max(next, lastOffset + 1);
            p = batchEnd;
        }
        KafkaRawRecords.Batches batches = n > 0 ? new KafkaRawRecords.Batches(a, starts, ends, n, at, kept) : null;
        return new Result(batches, next, kept, p > base);
    }
}
